package ntk.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import ntk.config.ExperimentConfig;
import ntk.config.TunedSettings;
import ntk.data.DatasetImages;
import ntk.data.FashionMnist;
import ntk.generic.Task;
import ntk.transplant.TransplantMethod;
import ntk.transplant.TransplantMethods;
import ntk.transplant.TransplantSettings;
import org.junit.jupiter.api.Test;

/**
 * The main job compares the transplant with baselines trained under the settings {@code tune}
 * selected (data/tuning/selected-settings.json), not under the search's starting point: the
 * supervised adapter with the selected supervised training, every distillation method with the
 * selected distillation training and adapter.
 */
class TunedBaselinesTest {
    @Test
    void theMainJobsMethodsRunUnderTheSelectedSettings() {
        ExperimentConfig full = ExperimentConfig.full();
        DatasetImages data = FashionMnist.load();
        Map<Task, TransplantSettings> selected = TunedSettings.load();
        for (Task task : full.tasks()) {
            TransplantExperiment experiment = TransplantExperiment.of(task, full, data, Progress.silent());
            Map<String, TransplantMethod> methods = experiment.methods(experiment.protocol().conditions());
            TransplantSettings tuned = selected.get(task);
            assertEquals(tuned, methods.get(TransplantMethods.SUPERVISED).settings(), task + ": the supervised baseline's settings");
            assertEquals(tuned.supervised(), methods.get(TransplantMethods.SUPERVISED).training(), task + ": the baseline's training");
            for (String distilling : new String[] {TransplantMethods.FORWARD, TransplantMethods.BACK}) {
                assertEquals(tuned.training(), methods.get(distilling).training(), task + ": " + distilling + "'s training");
            }
        }
    }
}
