/**
 * Which ND4J backend and native flavour runs, how many parallel workers the machine affords, how
 * native memory is given back between jobs, and the environment variables that set all three
 * and the rest of the kit ({@link ntk.backend.Environment}). Depends on nothing else in the kit.
 */
package ntk.backend;
