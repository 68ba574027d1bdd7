/**
 * Transplanting a category: learn only its adapter, from a teacher and few or no annotations.
 * One {@link ntk.transplant.TransplantMethod} per method (supervised, forward distillation,
 * back-distillation) and the ways a small unlabeled pool is enlarged (views, synthesis). Knows
 * nothing of data sets or experiments.
 */
package ntk.transplant;
