/**
 * How a task is evaluated: which conditions run, where each task draws its annotated, unlabeled
 * and test examples, and its metrics (balanced error, IoU, pixel accuracy).
 */
package ntk.protocol;
