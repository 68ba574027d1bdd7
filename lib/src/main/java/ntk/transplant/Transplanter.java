package ntk.transplant;

import java.util.Arrays;
import ntk.generic.GenericNetwork;
import ntk.generic.Task;
import ntk.nn.ForwardPass;
import ntk.nn.Module;
import ntk.nn.ModuleSpec;
import ntk.nn.Shape;
import ntk.train.Teacher;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Transplants a teacher's category into a generic network: plug in f_c, learn h_{c,t}, keep g_t. */
public final class Transplanter {
    /** A method's pool enlargement (views, synthesis) draws from the run's seed plus this offset. */
    public static final long EXPANSION_SEED_OFFSET = 2_000_003L;
    /** A method's labelled views of its annotated images draw from the run's seed plus this offset. */
    public static final long ANNOTATED_VIEWS_SEED_OFFSET = 3_000_017L;

    private Transplanter() {}

    /**
     * {@link #transplant} with no annotation: the adapter is learned from the unlabeled
     * {@code pool} only (as back-distillation or forward distillation do).
     */
    public static Module zeroAnnotation(GenericNetwork net, Teacher teacher, Task task, TransplantMethod method, INDArray pool,
            long seed) {
        Shape item = teacher.itemShape();
        return transplant(net, teacher, task, method, Nd4j.zeros(pool.dataType(), task.input(item).withBatch(0)),
                Nd4j.zeros(pool.dataType(), task.output(item).withBatch(0)), pool, seed);
    }

    /**
     * Learns the adapter with {@code method} and registers the teacher's category module (if the
     * network does not hold it yet, e.g. from the category's other task) and the adapter in
     * {@code net}. Pass empty arrays (zero rows) for what the method does not use. The adapter's
     * shape and training come from the method's settings.
     */
    public static Module transplant(GenericNetwork net, Teacher teacher, Task task, TransplantMethod method,
            INDArray labeledImages, INDArray labels, INDArray unlabeledImages, long seed) {
        boolean known = net.categories().contains(teacher.category());
        if (known && !net.categoryModule(teacher.category()).sameAs(teacher.features())) {
            throw new IllegalStateException("category " + teacher.category() + " is already in the network with another category module");
        }
        if (net.routes().contains(new GenericNetwork.Route(teacher.category(), task))) {
            throw new IllegalStateException("category " + teacher.category() + " is already connected to the " + task + " task");
        }
        Module adapter = learnAdapter(teacher, net.taskModule(task), task, method, labeledImages, labels, unlabeledImages, seed);
        if (!known) {
            net.addCategory(teacher.category(), teacher.features());
        }
        net.addAdapter(teacher.category(), task, adapter);
        return adapter;
    }

    /**
     * Learns the adapter that connects {@code teacher}'s category to {@code taskModule}, without
     * registering anything (so several can be learned side by side and added afterwards). The
     * unlabeled images are enlarged first when the method says so ({@link TransplantMethod#poolExpansion()}),
     * and so are the annotated ones, with their labels ({@link TransplantMethod#annotatedViews()}).
     */
    public static Module learnAdapter(Teacher teacher, Module taskModule, Task task, TransplantMethod method,
            INDArray labeledImages, INDArray labels, INDArray unlabeledImages, long seed) {
        ModuleSpec adapterSpec = method.adapter(task.adapter(teacher.itemShape()).input());
        PoolExpansion expansion = method.poolExpansion();
        INDArray pool = expansion == null ? unlabeledImages : expansion.expand(unlabeledImages, teacher, task, seed + EXPANSION_SEED_OFFSET);
        AnnotatedViews.Labeled annotated = AnnotatedViews.expand(method.annotatedViews(), labeledImages, labels, seed + ANNOTATED_VIEWS_SEED_OFFSET);
        TransplantData data = new TransplantData(taskModule, teacher.head(task), adapterSpec,
                featuresOf(teacher, annotated.images(), adapterSpec), annotated.labels(), featuresOf(teacher, pool, adapterSpec));
        if (method.needsFirstBlock()) {
            data = data.withFirstBlock(FirstBlock.of(teacher.features(), annotated.images(), pool));
        }
        return method.learnAdapter(data, seed);
    }

    /** f_c at the images' own size (items or scenes); zero rows give zero rows. */
    private static INDArray featuresOf(Teacher teacher, INDArray images, ModuleSpec adapterSpec) {
        if (images.size(0) == 0) {
            return Nd4j.zeros(images.dataType(), adapterSpec.input().withBatch(0));
        }
        long[] s = images.shape();
        if (s.length != 4) {
            throw new ntk.nn.IncompatibleShapeException("expected images [n, channels, height, width], got " + Arrays.toString(s));
        }
        return new ForwardPass(teacher.features().withInput(Shape.image((int) s[1], (int) s[2], (int) s[3]))).apply(images);
    }
}
