package ntk.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import ntk.backend.Backend;
import ntk.backend.Environment;
import ntk.backend.Workers;
import ntk.config.ConfigFiles;
import ntk.config.ExperimentConfig;
import ntk.data.Category;
import ntk.io.ModuleFiles;
import ntk.run.LightSettings;
import ntk.run.ModuleCache;
import ntk.run.Pretrained;
import ntk.run.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes the starting point of `transplant`: the generic network of the base categories and the new categories' teachers. */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = "Pre-train the teachers and the generic network's shared task module on the base categories, and write"
                + " network.ntk and one teacher-<category>.ntk per new category, ready for `ntk transplant`.")
final class PretrainCommand implements Callable<Integer> {
    static final String NETWORK_FILE = "network.ntk";

    @Option(names = "--fast", description = "Small settings (fewer categories, shorter training) for tests and notebooks."
            + " Also switched on by the environment variable NTK_FAST (1, true or yes).")
    boolean fast;

    @Option(names = "--config", paramLabel = "FILE", description = "Settings file (JSON), as `reproduce --config` takes: its data set"
            + " (\"dataset\", e.g. an image folder data/<name>/), base and new categories and pre-training sizes; instead of the"
            + " full or --fast preset.")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "pretrained", description = "Folder for the files (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--notebook-cache", description = "Instead: fill the notebooks' module cache (notebooks/.cache, or NTK_NOTEBOOK_CACHE)"
            + " for the notebooks' mode (NTK_FAST on: fast), exactly as the first notebook would; Binder's image does this so that"
            + " no notebook waits for pre-training.")
    boolean notebookCache;

    static String teacherFile(Category c) {
        return "teacher-" + c.id() + ".ntk";
    }

    @Override
    public Integer call() {
        if (notebookCache) {
            // the settings and the cache the notebooks' Course.start() uses, so they find these modules
            Backend.init();
            ExperimentConfig light = LightSettings.of(Environment.fast());
            System.out.println("Filling the notebooks' module cache (" + light.name() + " settings); backend: " + Backend.describe());
            ModuleCache.shared(light).loadOrTrain(light.data().load(), Progress.lines(System.out));
            return 0;
        }
        if (this.config != null && fast) {
            throw new IllegalArgumentException("--config and --fast both choose the settings: pass one of them");
        }
        boolean fastMode = fast || Environment.fast();
        ExperimentConfig config = this.config != null ? ConfigFiles.read(this.config) : fastMode ? ExperimentConfig.fast() : ExperimentConfig.full();
        System.out.println("Pre-training (" + config.name() + " settings, data set " + config.dataset() + "); backend: " + Backend.describe() + ", "
                + Workers.count() + " parallel workers");
        Pretrained pre = Pretrained.train(config.data().load(), config, Progress.lines(System.out));

        Path networkFile = out.resolve(NETWORK_FILE);
        ModuleFiles.saveNetwork(networkFile, pre.network());
        System.out.println("wrote " + networkFile + " (base categories: " + pre.network().categories() + ")");
        for (Category c : config.categories().transplanted()) {
            Path f = out.resolve(teacherFile(c));
            ModuleFiles.saveTeacher(f, pre.teachers().get(c));
            System.out.println("wrote " + f);
        }
        Category first = config.categories().transplanted().get(0);
        System.out.println("next: ntk transplant --network " + networkFile + " --teacher " + out.resolve(teacherFile(first))
                + " --method back-distillation --unlabeled 100");
        return 0;
    }
}
