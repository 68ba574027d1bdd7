/**
 * Training loops: teachers (category module plus task heads), the shared task modules over the
 * base categories, and the continual-learning baselines that fine-tune a task module.
 */
package ntk.train;
