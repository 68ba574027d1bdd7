package ntk.run;

import java.util.List;
import ntk.config.ExperimentConfig;
import ntk.train.Trainer;

/**
 * Settings for runs that must finish in minutes on one or two cores — the notebooks and the
 * modules {@code pretrain --notebook-cache} trains for them — in two sizes:
 * <ul>
 *   <li>default: the main job's categories, annotation budgets and pool sizes
 *       ({@link ExperimentConfig#full()}) with one seed and about half its pre-training (the main
 *       job's pre-training alone takes four minutes on two cores);
 *   <li>fast: {@link ExperimentConfig#fast()} (three base categories, two new ones, shorter training).
 * </ul>
 */
public final class LightSettings {
    private LightSettings() {}

    /** The fast settings if {@code fast}, else the default ones. */
    public static ExperimentConfig of(boolean fast) {
        return fast ? ExperimentConfig.fast() : lighterFull();
    }

    /**
     * The main job's categories, budgets, pools, adapter training and LEGO settings with its first
     * seed; teachers on 2,000 + 2,000 images for 200 steps (main job: 3,000 + 3,000, 400 steps),
     * the shared classification module on 1,000 + 1,000 images per base category for 400 steps
     * (main job: 2,000 + 2,000, 800 steps); segmentation pre-trained as in the fast settings
     * (main job: five times the scenes and three times the steps); no from-scratch network.
     * Named "notebook": the name is part of the module cache's folder names.
     */
    static ExperimentConfig lighterFull() {
        ExperimentConfig f = ExperimentConfig.full();
        ExperimentConfig fast = ExperimentConfig.fast();
        ExperimentConfig.SegmentationSettings s = fast.segmentation();
        ExperimentConfig.SegmentationSettings seg = new ExperimentConfig.SegmentationSettings(s.teacherScenes(), s.teacherTraining(),
                s.taskScenes(), s.taskTraining(), f.segmentation().testScenes(), false, false, s.scratchTraining());
        return new ExperimentConfig("notebook", f.baseCategories(), f.newCategories(), List.of(f.seeds().get(0)),
                f.annotationBudgets(), f.poolSizes(), f.backWithLabelsPool(), false,
                2000, new Trainer.Settings(200, 3e-3, 64), 1000, new Trainer.Settings(400, 3e-3, 32),
                f.scratchTraining(), f.pretrainSeed(), f.tasks(), seg, f.sequential(), ExperimentConfig.ExpansionRuns.none(), f.transplant());
    }
}
