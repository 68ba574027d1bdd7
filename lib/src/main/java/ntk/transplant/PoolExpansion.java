package ntk.transplant;

import ntk.generic.Task;
import ntk.train.Teacher;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Enlarges an unlabeled pool without labels: more inputs to distil on, which the teacher labels for free. */
public interface PoolExpansion {
    String name();

    /**
     * The inputs to distil on: the real images (may have zero rows) and what this expansion adds;
     * reproducible from seed; reads no label. Inputs and result are [n, 1, H, W] float arrays in
     * [0, 1] of the task's input size; the real images come first, unchanged, then the additions.
     */
    INDArray expand(INDArray realImages, Teacher teacher, Task task, long seed);
}
