package ntk.cli;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import ntk.backend.Backend;
import ntk.config.ConfigFiles;
import ntk.config.ExperimentConfig;
import ntk.config.TunedSettings;
import ntk.data.DatasetImages;
import ntk.generic.Task;
import ntk.report.TuningReport;
import ntk.run.Pretrained;
import ntk.run.Progress;
import ntk.run.SettingsSearch;
import ntk.transplant.TransplantSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Chooses the transplant settings on pseudo-new base categories scored on validation images
 * ({@link SettingsSearch}) and writes them, with every candidate's score, where the main job
 * reads them: {@code data/tuning/}.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = {"Choose the transplant settings on base categories held out as pseudo-new ones, scored on a validation"
                + " split of training images (never on the new categories or the test data), and write data/tuning/:"
                + " selected-settings.json (read by reproduce, transplant and the notebooks), and per task a table of runs"
                + " and a figure of the candidates with its table."})
final class TuneCommand implements Callable<Integer> {
    @Option(names = "--fast", description = "Small settings (as reproduce --fast), one seed; writes to --out only.")
    boolean fast;

    @Option(names = "--config", paramLabel = "FILE", description = "Settings file or preset name (e.g. mnist) whose data set,"
            + " categories and sizes the search uses, instead of the full or --fast preset; needs --out.")
    Path settingsFile;

    @Option(names = "--seeds", split = ",", defaultValue = "1,2", description = "Seeds (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--tasks", split = ",", defaultValue = "classification,segmentation",
            description = "Tasks to tune (default: ${DEFAULT-VALUE}); the others keep their selected settings.")
    List<String> tasks;

    @Option(names = "--out", description = "Folder for the results (default: the kit's data/tuning/).")
    Path out;

    @Option(names = "--parts", split = ",", defaultValue = "adapter,expansion",
            description = "Parts of the search to run, in order (default: ${DEFAULT-VALUE}): adapter (target, steps, learning rate, adapter, "
                    + "lambda, probes, supervised training), expansion (synthesis priors, target logit, steps, learning rate and regularisers; views per image; which enlargement of small pools). "
                    + "A part run alone starts from the selection in --out (or data/tuning/).")
    List<String> parts;

    /** Pool sizes every distillation candidate runs at; segmentation leaves out 10 to keep tune within an hour. */
    static List<Integer> pools(Task task, boolean fast) {
        if (fast) {
            return task == Task.CLASSIFICATION ? List.of(10, 100) : List.of(100);
        }
        return task == Task.CLASSIFICATION ? List.of(10, 100, 1000) : List.of(100, 1000);
    }

    @Override
    public Integer call() {
        RunStats stats = new RunStats();
        List<Task> chosen = tasks.stream().map(Task::parse).distinct().toList();
        Path dir = out != null ? out : TunedSettings.defaultFile().getParent();
        if (settingsFile != null && out == null) {
            throw new IllegalArgumentException("tune --config needs --out: data/tuning/ holds the selection the shipped presets use");
        }
        ExperimentConfig main = settingsFile != null ? ConfigFiles.fileOrPreset(settingsFile) : fast ? ExperimentConfig.fast() : ExperimentConfig.full();
        List<Long> runSeeds = fast ? List.of(seeds.get(0)) : seeds;
        ExperimentConfig config = SettingsSearch.config(main, runSeeds, TunedSettings.STARTING_POINT);
        System.out.println("Choosing transplant settings (" + main.name() + " settings) on pseudo-new categories "
                + config.categories().transplanted() + ", base " + config.categories().base() + ", scored on " + SettingsSearch.VALIDATION_PER_CATEGORY
                + " validation training images per category; seeds " + runSeeds + "; backend: " + Backend.describe());

        Progress progress = Progress.lines(System.out);
        DatasetImages data = SettingsSearch.data(main.data().load(), main);
        Pretrained pre = Pretrained.train(data, config, progress);
        List<SettingsSearch.Part> searched = parts.stream().map(SettingsSearch.Part::parse).distinct().sorted().toList();
        Map<Task, TransplantSettings> selected = new EnumMap<>(Task.class);
        Path file = dir.resolve(TunedSettings.FILE);
        boolean fromFile = !searched.contains(SettingsSearch.Part.ADAPTER) && java.nio.file.Files.isRegularFile(file);
        selected.putAll(fromFile || out == null ? TunedSettings.load(fromFile ? file : TunedSettings.defaultFile()) : TunedSettings.STARTING_POINT);
        for (Task task : chosen) {
            TransplantSettings start = searched.contains(SettingsSearch.Part.ADAPTER) ? TunedSettings.STARTING_POINT.get(task) : selected.get(task);
            for (SettingsSearch.Part part : searched) {
                if (part == SettingsSearch.Part.EXPANSION && task == Task.SEGMENTATION) {
                    // segmentation does not search the synthesis priors (minutes per run): it takes classification's
                    start = start.withExpansion(start.expansion().withSynthesis(selected.get(Task.CLASSIFICATION).expansion().synthesis()));
                }
                SettingsSearch.Outcome o = new SettingsSearch(task, config, data, pools(task, fast), progress).search(pre, start, part);
                TuningReport.write(o, dir);
                start = o.selected();
                selected.put(task, start);
                System.out.println();
                System.out.println(TuningReport.summary(o));
            }
            selected.put(task, start);
        }
        String how = "ntk tune" + (fast ? " --fast" : "") + " --parts " + searched.stream().map(p -> p.name().toLowerCase(java.util.Locale.ROOT))
                .collect(java.util.stream.Collectors.joining(",")) + " --seeds " + runSeeds.stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(",")) + ": greedy search on pseudo-new " + main.categories().pseudoNew()
                + ", validation split of training images (seed " + SettingsSearch.SPLIT_SEED + ")";
        TunedSettings.write(file, selected, fromFile ? how + "; started from the selection of: " + TunedSettings.selectedBy(file) : how);
        System.out.println("Wrote " + dir + "/: " + TunedSettings.FILE + " and per task and part <task>[-expansion]-runs.csv (every run)"
                + " and <task>[-expansion].png/.csv (every candidate)");
        System.out.println(stats.summary());
        return 0;
    }
}
