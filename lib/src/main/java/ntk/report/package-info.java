/**
 * Turns result rows into what a reader sees: Tablesaw summaries, the paired evidence against the
 * supervised baseline, XChart figures with their CSVs, the README tables, and the comparison of a
 * rerun with the reference results.
 */
package ntk.report;
