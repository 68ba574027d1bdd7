/**
 * The settings of a run as values: one record per concern, read from and written to JSON
 * settings files, and the transplant settings {@code tune} selected. Nothing here runs anything.
 */
package ntk.config;
