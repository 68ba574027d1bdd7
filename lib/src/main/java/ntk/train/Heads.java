package ntk.train;

import ntk.generic.Task;
import ntk.nn.Architectures;
import ntk.nn.ModuleSpec;
import ntk.nn.Shape;

/**
 * The heads' architecture with the one choice about it that is a setting: the segmentation heads'
 * first kernel ({@code ExperimentConfig.SegmentationSettings.headKernel}; 5 unless a selection says
 * otherwise), which the teachers' segmentation heads and the shared segmentation module share.
 */
public final class Heads {
    /** The segmentation heads' first kernel before it was a setting. */
    public static final int SEGMENTATION_KERNEL = 5;

    private Heads() {}

    /** {@code task}'s head on {@code features}, a segmentation head's first convolution {@code segmentationKernel} wide. */
    public static ModuleSpec of(Task task, Shape features, ModuleSpec.Role role, int segmentationKernel) {
        return task == Task.SEGMENTATION ? Architectures.segmentationHead(features, role, segmentationKernel) : task.head(features, role);
    }
}
