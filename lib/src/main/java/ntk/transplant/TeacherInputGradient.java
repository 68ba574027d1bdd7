package ntk.transplant;

import java.util.List;
import java.util.Map;
import ntk.backend.Quiet;
import ntk.generic.Task;
import ntk.nn.Module;
import ntk.nn.ModuleGraph;
import ntk.nn.Shape;
import ntk.train.Teacher;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The frozen teacher g_T(f_c(x)) with the inputs x as the graph's only variable, and the squared
 * error of its outputs to targets t: per input the mean over its outputs, summed over inputs, so
 * each input's gradient does not depend on how many are optimised together.
 */
final class TeacherInputGradient {
    private final SameDiff sd = SameDiff.create();
    private final INDArray x;
    private final String outputName;

    TeacherInputGradient(Teacher teacher, Task task, int count) {
        Module f = teacher.features(task);
        SDVariable xv = sd.var("x", f.dataType(), f.spec().input().withBatch(count));
        SDVariable y = ModuleGraph.frozen(sd, "head", teacher.head(task)).apply(ModuleGraph.frozen(sd, "f", f).apply(xv).output()).output();
        Shape out = task.output(teacher.itemShape());
        SDVariable t = sd.placeHolder("t", f.dataType(), out.withBatch(-1));
        sd.math.squaredDifference(y, t).sum().div(out.size()).rename("loss");
        sd.setLossVariables("loss");
        Quiet.sameDiff(() -> sd.createGradFunction());
        this.x = xv.getArr();
        this.outputName = y.name();
    }

    /** The teacher's outputs on {@code inputs} and the loss's gradient with respect to them: {outputs, gradient}. */
    INDArray[] outputsAndGradient(INDArray inputs, INDArray targets) {
        x.assign(inputs);
        OutAndGrad r = sd.calculateGradientsAndOutputs(Map.of("t", targets), List.of(outputName), List.of("x"));
        return new INDArray[] {r.getOutputs().get(outputName), r.getGradients().get("x")};
    }
}
