package ntk.nn;

import java.util.ArrayList;
import java.util.List;

/** The module architectures the kit uses, sized from the data set's item shape. */
public final class Architectures {
    private Architectures() {}

    /**
     * f_c on {@code input} items or scenes (it is fully convolutional): two 3×3 conv + ReLU + 2×2
     * max-pool blocks, C×H×W to 32×H/4×W/4 — a 1×28×28 item gives 32×7×7, a 1×56×56 scene 32×14×14.
     */
    public static ModuleSpec categoryModule(Shape input) {
        return new ModuleSpec(ModuleSpec.Role.CATEGORY, input, List.of(
                new Conv2d(3, input.channels(), 16), new Relu(), new MaxPool2d(2),
                new Conv2d(3, 16, 32), new Relu(), new MaxPool2d(2)));
    }

    /**
     * g_t for "is this image category c?": a 3×3 conv, then two dense layers to one logit. Teachers
     * use the same architecture for their own heads.
     */
    public static ModuleSpec classificationHead(Shape features, ModuleSpec.Role role) {
        int c = features.channels();
        return new ModuleSpec(role, features, List.of(
                new Conv2d(3, c, 32), new Relu(), new Flatten(),
                new Dense(32 * features.height() * features.width(), 64), new Relu(), new Dense(64, 1)));
    }

    /**
     * g_t for "which pixels are category c?": a small decoder from features back to one logit per
     * pixel — 5×5 conv, ReLU, ×2 up-sampling, 3×3 conv, ReLU, ×2 up-sampling, 1×1 conv — so the
     * H/4×W/4 features of an H×W scene come back as an H×W mask. Teachers use it for their heads
     * too. The first 5×5 convolution sees about 20×20 feature cells' worth of context; with 3×3 the
     * teachers' mean IoU was 0.53–0.55 instead of 0.56–0.61 at the same cost (t-shirt, sandal).
     */
    public static ModuleSpec segmentationHead(Shape features, ModuleSpec.Role role) {
        return segmentationHead(features, role, 5);
    }

    /** The segmentation head with a first convolution of {@code firstKernel}×{@code firstKernel} (a setting the kit's search chooses). */
    public static ModuleSpec segmentationHead(Shape features, ModuleSpec.Role role, int firstKernel) {
        int c = features.channels();
        return new ModuleSpec(role, features, List.of(
                new Conv2d(firstKernel, c, 16), new Relu(), new Upsample2d(2),
                new Conv2d(3, 16, 8), new Relu(), new Upsample2d(2),
                new Conv2d(1, 8, 1)));
    }

    /** Adapter h_{c,t}: {@code depth} convolutions of size {@code kernel} with ReLUs between them. */
    public static ModuleSpec adapter(Shape features, int kernel, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("an adapter needs at least one layer, got depth " + depth);
        }
        int c = features.channels();
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            if (i > 0) {
                layers.add(new Relu());
            }
            layers.add(new Conv2d(kernel, c, c));
        }
        return new ModuleSpec(ModuleSpec.Role.ADAPTER, features, layers);
    }

    /** The default adapter: two 1×1 convolutions with a ReLU between them. */
    public static ModuleSpec adapter(Shape features) {
        return adapter(features, 1, 2);
    }
}
