/**
 * Runs the experiments: pre-training, the comparison of transplant methods per task, the LEGO
 * sequence, and the settings search on pseudo-new base categories; the lighter settings of runs
 * that must finish in minutes, and a cache of their pre-trained modules keyed by settings and
 * training code. Returns rows; draws nothing.
 */
package ntk.run;
