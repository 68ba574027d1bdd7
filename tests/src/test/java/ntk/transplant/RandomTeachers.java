package ntk.transplant;

import java.util.Map;
import ntk.data.FashionMnist;
import ntk.generic.Task;
import ntk.nn.Architectures;
import ntk.nn.Module;
import ntk.nn.ModuleSpec;
import ntk.nn.Shape;
import ntk.train.Teacher;
import org.nd4j.linalg.api.buffer.DataType;

/** Teachers with He-random weights and the kit's real architectures: cheap stand-ins where a test needs any teacher to push against. */
final class RandomTeachers {
    /** A Fashion-MNIST item: 1×28×28. */
    static final Shape FASHION_ITEM = Shape.image(1, 28, 28);

    private RandomTeachers() {}

    /** A sandal teacher with a classification and a segmentation head, reproducible from {@code seed}. */
    static Teacher withBothHeads(long seed) {
        Module f = Module.initialised(Architectures.categoryModule(FASHION_ITEM), Module.Init.HE, seed, DataType.FLOAT);
        Module cls = Module.initialised(Task.CLASSIFICATION.head(f.spec().output(), ModuleSpec.Role.TEACHER_HEAD),
                Module.Init.HE, seed + 1, DataType.FLOAT);
        Module seg = Module.initialised(Task.SEGMENTATION.head(Architectures.categoryModule(Task.SEGMENTATION.input(FASHION_ITEM)).output(),
                ModuleSpec.Role.TEACHER_HEAD), Module.Init.HE, seed + 2, DataType.FLOAT);
        return new Teacher(FashionMnist.SANDAL, f, Map.of(Task.CLASSIFICATION, cls, Task.SEGMENTATION, seg));
    }
}
