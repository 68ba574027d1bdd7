/**
 * How a task is evaluated: which conditions run, where each task draws its annotated, unlabeled
 * and test examples (and how often a small unlabeled pool holds no positive), and its metrics
 * (balanced error, IoU, pixel accuracy).
 */
package ntk.protocol;
