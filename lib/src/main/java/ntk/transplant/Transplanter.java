package ntk.transplant;

import java.util.Arrays;
import ntk.generic.GenericNetwork;
import ntk.generic.Task;
import ntk.nn.ForwardPass;
import ntk.nn.Module;
import ntk.nn.ModuleSpec;
import ntk.nn.Shape;
import ntk.train.Teacher;
import ntk.train.Trainer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Transplants a teacher's category into a generic network: plug in f_c, learn h_{c,t}, keep g_t. */
public final class Transplanter {
    private Transplanter() {}

    /**
     * Learns the adapter with {@code method} and registers the teacher's category module (if the
     * network does not hold it yet, e.g. from the category's other task) and the adapter in
     * {@code net}. Pass empty arrays (zero rows) for what the method does not use.
     */
    public static Module transplant(GenericNetwork net, Teacher teacher, Task task, TransplantMethod method,
            INDArray labeledImages, INDArray labels, INDArray unlabeledImages, ModuleSpec adapterSpec,
            Trainer.Settings settings, long seed) {
        boolean known = net.categories().contains(teacher.category());
        if (known && !net.categoryModule(teacher.category()).sameAs(teacher.features())) {
            throw new IllegalStateException("category " + teacher.category() + " is already in the network with another category module");
        }
        if (net.routes().contains(new GenericNetwork.Route(teacher.category(), task))) {
            throw new IllegalStateException("category " + teacher.category() + " is already connected to the " + task + " task");
        }
        Module adapter = learnAdapter(teacher, net.taskModule(task), task, method, labeledImages, labels, unlabeledImages,
                adapterSpec, settings, seed);
        if (!known) {
            net.addCategory(teacher.category(), teacher.features());
        }
        net.addAdapter(teacher.category(), task, adapter);
        return adapter;
    }

    /**
     * Learns the adapter that connects {@code teacher}'s category to {@code taskModule}, without
     * registering anything (so several can be learned side by side and added afterwards).
     */
    public static Module learnAdapter(Teacher teacher, Module taskModule, Task task, TransplantMethod method,
            INDArray labeledImages, INDArray labels, INDArray unlabeledImages, ModuleSpec adapterSpec,
            Trainer.Settings settings, long seed) {
        TransplantData data = new TransplantData(taskModule, teacher.head(task), adapterSpec,
                featuresOf(teacher, labeledImages, adapterSpec), labels, featuresOf(teacher, unlabeledImages, adapterSpec));
        return method.learnAdapter(data, settings, seed);
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
