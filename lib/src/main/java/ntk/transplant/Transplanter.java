package ntk.transplant;

import ntk.generic.GenericNetwork;
import ntk.generic.Task;
import ntk.nn.ForwardPass;
import ntk.nn.Module;
import ntk.train.Teacher;
import ntk.train.Trainer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Transplants a teacher's category into a generic network: plug in f_c, learn h_{c,t}, keep g_t. */
public final class Transplanter {
    private Transplanter() {}

    /**
     * Learns the adapter with {@code method} and registers the teacher's category module and the
     * adapter in {@code net}. Pass empty arrays (zero rows) for what the method does not use.
     */
    public static Module transplant(GenericNetwork net, Teacher teacher, Task task, TransplantMethod method,
            INDArray labeledImages, INDArray labels, INDArray unlabeledImages, ntk.nn.ModuleSpec adapterSpec,
            Trainer.Settings settings, long seed) {
        if (net.categories().contains(teacher.category())) {
            throw new IllegalStateException("category " + teacher.category() + " is already in the network");
        }
        ForwardPass f = new ForwardPass(teacher.features());
        TransplantData data = new TransplantData(net.taskModule(task), teacher.head(), adapterSpec,
                featuresOf(f, labeledImages, adapterSpec), labels, featuresOf(f, unlabeledImages, adapterSpec));
        Module adapter = method.learnAdapter(data, settings, seed);
        net.addCategory(teacher.category(), teacher.features());
        net.addAdapter(teacher.category(), task, adapter);
        return adapter;
    }

    private static INDArray featuresOf(ForwardPass f, INDArray images, ntk.nn.ModuleSpec adapterSpec) {
        return images.size(0) == 0 ? Nd4j.zeros(images.dataType(), adapterSpec.input().withBatch(0)) : f.apply(images);
    }
}
