/**
 * Runs the experiments: pre-training, the comparison of transplant methods per task, the LEGO
 * sequence, and the settings search on pseudo-new base categories. Returns rows; draws nothing.
 */
package ntk.run;
