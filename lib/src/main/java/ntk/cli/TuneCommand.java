package ntk.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import ntk.backend.Backend;
import ntk.config.ConfigFiles;
import ntk.config.ExperimentConfig;
import ntk.config.TunedSettings;
import ntk.data.DatasetImages;
import ntk.generic.Task;
import ntk.io.Json;
import ntk.report.TuningReport;
import ntk.run.ExperimentSearch;
import ntk.run.ExperimentStages;
import ntk.run.ModuleCache;
import ntk.run.Pretrained;
import ntk.run.Progress;
import ntk.run.SettingsSearch;
import ntk.run.SettingsSearch.Part;
import ntk.transplant.TransplantSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Chooses the settings on pseudo-new base categories scored on validation images, part by part as
 * {@code data/tuning/plan.md} fixes them ({@link SettingsSearch}, {@link ExperimentStages}), and
 * writes them, with every candidate's score and each stage's cost, where the main job reads them:
 * {@code data/tuning/}. Parts can run apart: each starts its own settings afresh and takes the
 * others from the current selection; the pre-trained tuning modules are kept in the module cache,
 * so a later part loads them instead of training them again.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = {"Choose the settings on base categories held out as pseudo-new ones, scored on a validation split of"
                + " training images (never on the new categories or the test data), as data/tuning/plan.md fixes them, and write"
                + " data/tuning/: selected-settings.json (read by reproduce, transplant and the notebooks; with the plan's commit and"
                + " the day), and per task and part a table of runs and a figure of the candidates with its table (each stage's"
                + " cost in seconds beside them)."})
final class TuneCommand implements Callable<Integer> {
    @Option(names = "--fast", description = "Small settings (as reproduce --fast), one seed; needs --out.")
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

    @Option(names = "--parts", split = ",", defaultValue = "heads,supervised,adapter,expansion,lego",
            description = "Parts of the search to run, in this order whatever the order given (default: ${DEFAULT-VALUE}):"
                    + " heads (segmentation heads' first kernel), supervised (the supervised baseline, and the scratch baseline),"
                    + " adapter (distillation's target, training, adapter, lambda, layers, probes), expansion (synthesis, views,"
                    + " which enlargement), lego (the LEGO baselines' rate, replay and LwF weight). A part starts its own settings"
                    + " afresh and takes the others from the selection in --out (or data/tuning/).")
    List<String> parts;

    /** Pool sizes every distillation candidate runs at; segmentation leaves out 10 to keep tune within its budget. */
    static List<Integer> pools(Task task, boolean fast) {
        if (fast) {
            return task == Task.CLASSIFICATION ? List.of(10, 100) : List.of(100);
        }
        return task == Task.CLASSIFICATION ? List.of(10, 100, 1000) : List.of(100, 1000);
    }

    @Override
    public Integer call() {
        RunStats stats = new RunStats();
        if (fast && out == null) {
            throw new IllegalArgumentException("tune --fast writes small-scale settings: pass --out FOLDER so data/tuning/ keeps the real ones");
        }
        List<Task> chosen = tasks.stream().map(Task::parse).distinct().toList();
        List<Part> searched = parts.stream().map(Part::parse).distinct().sorted().toList();
        Path dir = out != null ? out : TunedSettings.defaultFile().getParent();
        if (settingsFile != null && out == null) {
            throw new IllegalArgumentException("tune --config needs --out: data/tuning/ holds the selection the shipped presets use");
        }
        
        Path file = dir.resolve(TunedSettings.FILE);
        Path current = Files.isRegularFile(file) ? file : TunedSettings.defaultFile();
        String preset = fast ? "fast" : "full";
        ExperimentConfig shipped = ConfigFiles.presetAsShipped(preset);
        ObjectNode experiment = TunedSettings.experiment(current);
        ExperimentConfig main = settingsFile != null ? ConfigFiles.fileOrPreset(settingsFile) : ConfigFiles.withExperiment(shipped, experiment);
        List<Long> runSeeds = fast ? List.of(seeds.get(0)) : seeds;
        Map<Task, TransplantSettings> selected = new EnumMap<>(TunedSettings.load(current));
        TunedSettings.Plan plan = TunedSettings.Plan.current(TunedSettings.defaultFile().getParent().resolve(TunedSettings.PLAN));
        System.out.println("Choosing settings (" + main.name() + " settings, parts " + ids(searched) + ") on pseudo-new categories "
                + main.categories().pseudoNew() + ", scored on " + SettingsSearch.VALIDATION_PER_CATEGORY
                + " validation training images per category; seeds " + runSeeds + "; from " + plan.describe() + "; backend: " + Backend.describe());

        Progress progress = Progress.lines(System.out);
        DatasetImages data = SettingsSearch.data(main.data().load(), main);
        TuningModules modules = new TuningModules(shipped, data, progress);
        int kernel = main.segmentationHeadKernel();
        for (Part part : searched) {
            long started = System.nanoTime();
            ExperimentConfig config = SettingsSearch.config(main, runSeeds, selected).withSegmentationHeadKernel(kernel);
            switch (part) {
                case HEADS -> {
                    if (chosen.contains(Task.SEGMENTATION)) {
                        ExperimentSearch.Outcome o = ExperimentStages.heads(config.withSegmentationHeadKernel(shipped.segmentationHeadKernel()),
                                modules::of, data, progress);
                        kernel = o.selected().segmentationHeadKernel();
                        set(experiment, "segmentation", "headKernel", Json.MAPPER.valueToTree(kernel));
                        report(o, dir);
                    }
                }
                case LEGO -> {
                    if (chosen.contains(Task.CLASSIFICATION)) {
                        ExperimentSearch.Outcome o = ExperimentStages.lego(config.withSequential(shipped.sequential()), modules.of(kernel), data, progress);
                        ExperimentConfig.SequentialSettings s = o.selected().sequential();
                        set(experiment, "sequential", "fineTuneRateScale", Json.MAPPER.valueToTree(s.fineTuneRateScale()));
                        set(experiment, "sequential", "replayPerCategory", Json.MAPPER.valueToTree(s.replayPerCategory()));
                        set(experiment, "sequential", "lwfWeight", Json.MAPPER.valueToTree(s.lwfWeight()));
                        report(o, dir);
                    }
                }
                default -> {
                    for (Task task : chosen) {
                        TransplantSettings start = SettingsSearch.startOf(part, selected.get(task), TunedSettings.STARTING_POINT.get(task));
                        if (part == Part.EXPANSION && task == Task.SEGMENTATION) {
                            // segmentation searches only the priors and target logit of synthesis (minutes per run): the rest is classification's
                            start = start.withExpansion(start.expansion().withSynthesis(selected.get(Task.CLASSIFICATION).expansion().synthesis()));
                        }
                        SettingsSearch.Outcome o = new SettingsSearch(task, config, data, pools(task, fast), progress).search(modules.of(kernel), start, part);
                        TuningReport.write(o, dir);
                        selected.put(task, o.selected());
                        System.out.println();
                        System.out.println(TuningReport.summary(o));
                        if (part == Part.SUPERVISED && task == Task.CLASSIFICATION) {
                            ExperimentSearch.Outcome scratch = ExperimentStages.scratch(config.withScratchTraining(shipped.runs().scratchTraining()),
                                    modules.of(kernel), data, progress);
                            set(experiment, "runs", "scratchTraining", Json.MAPPER.valueToTree(scratch.selected().runs().scratchTraining()));
                            report(scratch, dir);
                        }
                    }
                }
            }
            TunedSettings.write(file, selected, selectedBy(searched, runSeeds, main, current), plan, experiment);
            System.out.printf("part %s: %.0f s%n", part.id(), (System.nanoTime() - started) / 1e9);
        }
        System.out.println("Wrote " + dir + "/: " + TunedSettings.FILE + " and per task and part <task>[-<part>]-runs.csv (every run)"
                + " and <task>[-<part>].png/.csv (every candidate, each stage's seconds)");
        System.out.println(stats.summary());
        return 0;
    }

    private static void report(ExperimentSearch.Outcome o, Path dir) {
        TuningReport.write(o.task(), o.stem(), o.lines(), o.rows(), dir);
        System.out.println();
        System.out.println(TuningReport.summary(o.task(), o.lines()));
    }

    /** Sets {@code section.key} of the selection outside the transplant settings. */
    private static void set(ObjectNode experiment, String section, String key, com.fasterxml.jackson.databind.JsonNode value) {
        ObjectNode s = experiment.get(section) instanceof ObjectNode o ? o : experiment.putObject(section);
        s.set(key, value);
    }

    private static String ids(List<Part> parts) {
        return parts.stream().map(Part::id).collect(Collectors.joining(","));
    }

    private List<String> selectedBy(List<Part> searched, List<Long> runSeeds, ExperimentConfig main, Path current) {
        String how = "ntk tune" + (fast ? " --fast" : "") + " --parts " + ids(searched) + " --tasks " + String.join(",", tasks) + " --seeds "
                + runSeeds.stream().map(String::valueOf).collect(Collectors.joining(",")) + ": greedy search on pseudo-new "
                + main.categories().pseudoNew() + ", validation split of training images (seed " + SettingsSearch.SPLIT_SEED + ")";
        boolean all = searched.size() == Part.values().length && tasks.size() == Task.values().length;
        return all ? List.of(how) : TunedSettings.withRun(how, TunedSettings.selectedByRuns(current));
    }

    /**
     * The tuning config's pre-trained modules per segmentation head kernel, kept in the module
     * cache: loaded when an earlier part (or run) trained them, else trained — for another kernel,
     * only the segmentation heads and module, on the first kernel's category modules.
     */
    private static final class TuningModules {
        private final ExperimentConfig shipped;
        private final DatasetImages data;
        private final Progress progress;
        private final Map<Integer, Pretrained> held = new java.util.HashMap<>();

        TuningModules(ExperimentConfig shipped, DatasetImages data, Progress progress) {
            this.shipped = shipped;
            this.data = data;
            this.progress = progress;
        }

        Pretrained of(int kernel) {
            Pretrained p = held.get(kernel);
            if (p == null) {
                ExperimentConfig c = pretraining(kernel);
                int first = shipped.segmentationHeadKernel();
                p = ModuleCache.shared(c).loadOrBuild(() -> kernel == first ? Pretrained.train(data, c, progress)
                        : Pretrained.withSegmentationRetrained(of(first), data, c, progress), progress);
                held.put(kernel, p);
            }
            return p;
        }

        /** What the tuning modules depend on, and nothing that a part selects: the shipped preset's, cut to the tuning categories. */
        private ExperimentConfig pretraining(int kernel) {
            return SettingsSearch.config(shipped, List.of(1L), TunedSettings.STARTING_POINT).withSegmentationHeadKernel(kernel);
        }
    }
}
