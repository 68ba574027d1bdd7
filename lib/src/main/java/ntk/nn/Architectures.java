package ntk.nn;

import java.util.ArrayList;
import java.util.List;

/** The module architectures the kit uses for 28×28 Fashion-MNIST images. */
public final class Architectures {
    public static final Shape IMAGE = Shape.image(1, 28, 28);

    private Architectures() {}

    /** f_c: two 3×3 conv + ReLU + 2×2 max-pool blocks, 28×28×1 to 7×7×32. */
    public static ModuleSpec categoryModule() {
        return new ModuleSpec(ModuleSpec.Role.CATEGORY, IMAGE, List.of(
                new Conv2d(3, 1, 16), new Relu(), new MaxPool2d(2),
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
