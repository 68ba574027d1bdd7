package ntk.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import ntk.backend.Backend;
import ntk.backend.Cpu;
import ntk.backend.Environment;
import ntk.backend.Workers;
import ntk.config.ConfigFiles;
import ntk.config.ExperimentConfig;
import ntk.config.TunedSettings;
import ntk.data.DatasetImages;
import ntk.generic.Task;
import ntk.io.AtomicFiles;
import ntk.protocol.ResultRow;
import ntk.report.ComparisonReport;
import ntk.report.Results;
import ntk.report.SceneGallery;
import ntk.report.SequentialReport;
import ntk.run.Pretrained;
import ntk.run.Progress;
import ntk.run.SequentialExperiment;
import ntk.run.TransplantExperiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

/** The main job: the comparison for every task, its tables and its figures. */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Pre-train teachers and the generic network, transplant every new category with every method for every task,"
                + " write results/<task>/ (comparison.csv, summaries, PNG plots with their CSVs), then add the new categories one"
                + " by one (transplanting vs fine-tuning) and write results/sequential/.")
final class ReproduceCommand implements Callable<Integer> {
    @Option(names = "--fast", description = "Small settings (one seed, two new categories) for tests and notebooks."
            + " Also switched on by the environment variable NTK_FAST (1, true or yes).")
    boolean fast;

    @Option(names = "--out", description = "Folder for the results (default: results; with --reference, reference/full, or"
            + " reference/fast with --fast).")
    Path out;

    @Option(names = "--reference", description = "Write reference results for `verify`: into reference/full (reference/fast"
            + " with --fast) unless --out says otherwise, replacing the task and sequential folders there, and keep only the small outputs"
            + " (CSV files, PNG figures, run.txt, settings.json).")
    boolean reference;

    @Option(names = "--tasks", split = ",", defaultValue = "classification,segmentation", description = "Tasks to compare (default:"
            + " ${DEFAULT-VALUE}). The README's main job is `--tasks classification --no-sequential` (within half an hour on 2"
            + " cores), and the segmentation comparison with the LEGO experiment its own run (`--tasks segmentation`); with"
            + " --reference a run of some tasks leaves the other task's and the LEGO folders in place.")
    List<String> tasks;

    @Option(names = "--no-sequential", description = "Skip the sequential (LEGO) experiment and its results/sequential/.")
    boolean noSequential;

    @Option(names = "--config", paramLabel = "FILE", description = "Settings file (JSON): an edited copy of a preset"
            + " (see --print-config) or a run's settings.json, or a preset's name (full, fast, notebooks, mnist, mnist-fast);"
            + " instead of the full or --fast preset.")
    Path config;

    @Option(names = "--print-config", description = "Print the settings this run would use (JSON) and stop.")
    boolean printConfig;

    @Override
    public Integer call() {
        RunStats stats = new RunStats();
        boolean fastMode = fast || Environment.fast();
        if (config != null && fast) {
            throw new IllegalArgumentException("--config and --fast both choose the settings: pass one of them");
        }
        List<Task> chosen = tasks.stream().map(Task::parse).distinct().toList();
        ExperimentConfig config = settings(chosen, fastMode);
        if (printConfig) {
            System.out.print(ConfigFiles.toJson(config));
            return 0;
        }
        if (reference && this.out == null && this.config != null) {
            throw new IllegalArgumentException("--reference with --config needs --out: reference/full and reference/fast hold the presets' runs");
        }
        Path out = this.out != null ? this.out : reference ? ReferenceFolder.defaultFor(fastMode) : Path.of("results");
        if (reference) {
            ReferenceFolder.clear(out, chosen, !noSequential);
        }
        System.out.println("Network transplanting: " + chosen + " comparison (" + config.name() + " settings)");
        System.out.println("backend: " + Backend.describe() + ", " + Workers.count() + " parallel workers");
        System.out.println("tune's selection (" + TunedSettings.defaultFile() + ", used where the settings say \"selected\"): "
                + TunedSettings.provenance(TunedSettings.defaultFile()));
        DatasetImages data = config.data().load();
        Progress progress = System.console() != null ? new ProgressBars() : Progress.lines(System.out);
        Pretrained pre = Pretrained.train(data, config, progress);
        List<String> written = new ArrayList<>();
        StringBuilder tables = new StringBuilder();
        for (Task task : chosen) {
            tables.append(compare(task, config, data, progress, pre, out, written)).append('\n');
        }
        if (!noSequential) {
            Path dir = out.resolve("sequential");
            List<SequentialExperiment.Row> steps = new SequentialExperiment(config, data, progress).run(pre);
            tables.append("Sequential transplanting (LEGO), new categories added in the order ").append(config.categories().transplanted())
                    .append(":\n").append(SequentialReport.write(steps, dir)).append('\n');
            written.add(dir.toString());
        }
        if (progress instanceof ProgressBars bars) {
            bars.close();
        }
        System.out.println();
        System.out.println(tables);
        writeRunFiles(config, stats, written);
        if (reference) {
            ReferenceFolder.prune(out);
        }
        System.out.println("Wrote " + String.join(", ", written) + " (per task: comparison.csv, summary.csv, summary_per_category.csv, paired.csv, paired_per_category.csv, paired_differences.csv,"
                + " error_vs_annotations.png/.csv, error_vs_unlabeled.png/.csv, run.txt; segmentation also masks.png/.csv; sequential: sequential.csv,"
                + " <task>.png/.csv, run.txt)");
        if (!fastMode && !chosen.contains(Task.SEGMENTATION)) {
            System.out.println("The segmentation comparison is a run of its own: reproduce --tasks segmentation --no-sequential"
                    + (reference ? " --reference" : "") + (this.out != null ? " --out " + this.out : "") + (this.config != null ? " --config " + this.config : ""));
        }
        System.out.println(stats.summary());
        return 0;
    }

    /** The run's settings: the file given or a preset, for the chosen tasks (classification always: its teachers provide every f_c). */
    private ExperimentConfig settings(List<Task> chosen, boolean fastMode) {
        List<Task> withTeachers = new ArrayList<>(List.of(Task.CLASSIFICATION));
        chosen.stream().filter(t -> t != Task.CLASSIFICATION).forEach(withTeachers::add);
        ExperimentConfig base = this.config != null ? ConfigFiles.fileOrPreset(this.config) : fastMode ? ExperimentConfig.fast() : ExperimentConfig.full();
        return base.withTasks(withTeachers);
    }

    /** One task's comparison: runs it, writes its CSV, summaries and figures under {@code out/<task>}; returns its tables. */
    private static String compare(Task task, ExperimentConfig config, DatasetImages data, Progress progress, Pretrained pre, Path out,
            List<String> written) {
        TransplantExperiment experiment = TransplantExperiment.of(task, config, data, progress);
        List<ResultRow> rows = experiment.run(pre);
        Path dir = out.resolve(task.id());
        Table runs = Results.table(rows);
        Results.writeCsv(runs, dir.resolve("comparison.csv"));
        if (task == Task.SEGMENTATION) {
            SceneGallery.write(experiment.gallery(), dir.resolve("masks.png"));
        }
        written.add(dir.toString());
        return ComparisonReport.write(config, task, runs, dir);
    }

    /** run.txt (backend, workers, CPU, time, memory) and settings.json beside every folder the run wrote. */
    private static void writeRunFiles(ExperimentConfig config, RunStats stats, List<String> written) {
        String report = "settings: " + ConfigFiles.RUN_FILE + " beside this file (reproduce --config " + ConfigFiles.RUN_FILE
                + " reruns them)\nbackend: " + Backend.describe() + ", workers: " + Workers.count() + "\ncpu: " + Cpu.describe() + "\n"
                + stats.summary() + "\n";
        for (String dir : written) {
            AtomicFiles.writeString(Path.of(dir, "run.txt"), report);
            ConfigFiles.write(config, Path.of(dir, ConfigFiles.RUN_FILE));
        }
    }
}
