/**
 * Which ND4J backend and native flavour runs, how many parallel workers the machine affords, and
 * how native memory is given back between jobs. Depends on nothing else in the kit.
 */
package ntk.backend;
