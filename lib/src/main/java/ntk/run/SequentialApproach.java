package ntk.run;

import java.util.List;
import java.util.Map;
import ntk.config.ExperimentConfig;
import ntk.data.Category;
import ntk.generic.Task;
import ntk.nn.ForwardPass;
import ntk.nn.Module;
import ntk.protocol.TaskProtocol;
import ntk.train.TaskModuleTraining;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One way of adding a category to a network every task shares, step after step (LEGO). Each
 * approach keeps its own task modules and adapters; {@link SequentialExperiment} scores every
 * category present through them after each step, the same way for every approach. Known by name
 * through {@link SequentialApproaches}.
 */
public interface SequentialApproach {
    /**
     * What serves {@code step.added()} on {@code step.task()} from now on: the task module (the same
     * one, or retrained) and the new category's adapter.
     */
    TaskModuleTraining.Result add(Step step);

    /**
     * Everything one step offers an approach for one task.
     *
     * @param taskModule the approach's task module before this step
     * @param adapters   the approach's adapters of the categories already present
     * @param earlier    the categories already present, in the order they came
     */
    record Step(ExperimentConfig config, Pretrained pre, TaskProtocol protocol, Task task, Category added, List<Category> earlier,
            Module taskModule, Map<Category, Module> adapters, long seed) {

        /** f_c(x) with the frozen category module of {@code c}'s teacher. */
        public INDArray features(Category c, INDArray inputs) {
            return new ForwardPass(pre.teachers().get(c).features(task)).apply(inputs);
        }
    }
}
