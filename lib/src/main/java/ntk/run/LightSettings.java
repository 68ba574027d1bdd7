package ntk.run;

import ntk.config.ConfigFiles;
import ntk.config.ExperimentConfig;

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
     * The preset {@code ntk/config/notebooks.json}: the main job's categories, budgets, pools,
     * adapter training and LEGO settings with its first seed; teachers on 2,000 + 2,000 images for
     * 200 steps (main job: 3,000 + 3,000, 400 steps), the shared classification module on 1,000 +
     * 1,000 images per base category for 400 steps (main job: 2,000 + 2,000, 800 steps);
     * segmentation pre-trained as in the fast settings (main job: five times the scenes and three
     * times the steps); no from-scratch network.
     */
    static ExperimentConfig lighterFull() {
        return ConfigFiles.preset("notebooks");
    }
}
