/**
 * Turns result rows into what a reader sees: Tablesaw summaries, XChart figures with their CSVs,
 * the README tables, and the comparison of a rerun with the reference results.
 */
package ntk.report;
