package ntk.transplant;

import java.util.Arrays;
import ntk.nn.IncompatibleShapeException;
import ntk.nn.Module;
import ntk.nn.ModuleSpec;
import ntk.nn.Shape;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Everything a transplant method may use to learn the adapter h_{c,t} of a new category: the
 * frozen task module g_t, the teacher's head (its f_c is the new category module), the adapter's
 * architecture, and cached features z = f_c(x) of the annotated and the unlabeled images.
 * Either set may be empty (zero rows); each method says which it needs. Back-distillation at two
 * layers also needs the images' outputs of f_c's first block ({@code firstBlock}; null otherwise).
 */
public record TransplantData(Module taskModule, Module teacherHead, ModuleSpec adapterSpec,
        INDArray labeledFeatures, INDArray labels, INDArray unlabeledFeatures, FirstBlock firstBlock) {

    /** The data of every method that matches nothing inside f_c. */
    public TransplantData(Module taskModule, Module teacherHead, ModuleSpec adapterSpec, INDArray labeledFeatures, INDArray labels,
            INDArray unlabeledFeatures) {
        this(taskModule, teacherHead, adapterSpec, labeledFeatures, labels, unlabeledFeatures, null);
    }

    public TransplantData {
        Shape z = adapterSpec.input();
        require(adapterSpec.output().equals(taskModule.spec().input()), "the adapter produces " + adapterSpec.output()
                + " but the task module expects " + taskModule.spec().input());
        require(teacherHead.spec().input().equals(z), "the teacher head expects " + teacherHead.spec().input()
                + " but the adapter (and so the category module) works on " + z);
        require(teacherHead.spec().output().equals(taskModule.spec().output()), "the teacher head predicts "
                + teacherHead.spec().output() + " but the task module predicts " + taskModule.spec().output() + ": they solve different tasks");
        checkFeatures("labeled features", labeledFeatures, z);
        checkFeatures("unlabeled features", unlabeledFeatures, z);
        require(labels.size(0) == labeledFeatures.size(0), labeledFeatures.size(0) + " labeled samples but " + labels.size(0) + " labels");
        if (firstBlock != null) {
            require(firstBlock.upper().spec().output().equals(z), "the category module's rest produces " + firstBlock.upper().spec().output()
                    + " but the adapter works on " + z);
            require(firstBlock.labeled().size(0) == labeledFeatures.size(0) && firstBlock.unlabeled().size(0) == unlabeledFeatures.size(0),
                    "first-block outputs of " + firstBlock.labeled().size(0) + " annotated and " + firstBlock.unlabeled().size(0)
                            + " unlabeled images for " + labeledFeatures.size(0) + " and " + unlabeledFeatures.size(0) + " features");
        }
    }

    /** These data with the images' first-block outputs, for matching the backward signal there too. */
    public TransplantData withFirstBlock(FirstBlock block) {
        return new TransplantData(taskModule, teacherHead, adapterSpec, labeledFeatures, labels, unlabeledFeatures, block);
    }

    /** Data with no annotated sample: only the unlabeled images' features. */
    public static TransplantData unlabeledOnly(Module taskModule, Module teacherHead, ModuleSpec adapterSpec, INDArray unlabeledFeatures) {
        return new TransplantData(taskModule, teacherHead, adapterSpec,
                Nd4j.zeros(unlabeledFeatures.dataType(), adapterSpec.input().withBatch(0)),
                Nd4j.zeros(unlabeledFeatures.dataType(), taskModule.spec().output().withBatch(0)), unlabeledFeatures);
    }

    private static void checkFeatures(String what, INDArray a, Shape z) {
        long[] expected = z.withBatch(a.size(0));
        require(Arrays.equals(a.shape(), expected), what + " have shape " + Arrays.toString(a.shape())
                + ", expected [n, " + z.toString().substring(1) + " (the category module's output)");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IncompatibleShapeException(message);
        }
    }

    public int labeledCount() {
        return (int) labeledFeatures.size(0);
    }

    public int unlabeledCount() {
        return (int) unlabeledFeatures.size(0);
    }
}
