package ntk.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import ntk.backend.Backend;
import ntk.config.ConfigFiles;
import ntk.config.ExperimentConfig;
import ntk.data.Category;
import ntk.data.DatasetImages;
import ntk.generic.Task;
import ntk.io.AtomicFiles;
import ntk.protocol.ResultRow;
import ntk.protocol.TaskProtocol;
import ntk.report.PairedReport;
import ntk.report.Results;
import ntk.run.Pretrained;
import ntk.run.Progress;
import ntk.run.TransplantExperiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

/**
 * The spread over pre-training draws: the main job's ± covers the samples, minibatches and probes
 * of one pre-training. This pre-trains teachers and task modules again with other seeds and runs
 * the headline conditions (untrained adapter, 100 annotations, zero-annotation distillation at
 * every pool size) once per draw, so the ± of its summary is the pre-training's own spread, and
 * pairs each zero-annotation condition with the supervised baseline draw by draw.
 */
@Command(name = "spread", mixinStandardHelpOptions = true,
        description = "Pre-train with several seeds and run the headline conditions once per draw (transplant seed 1);"
                + " writes results/spread/<task>.csv (seed column = pre-training seed) and <task>-summary.csv"
                + " (mean ± std over the draws of the mean over the new categories), and <task>-paired.csv (per draw, each"
                + " zero-annotation condition's difference from the supervised baseline, and their mean; no interval from so few draws).")
final class SpreadCommand implements Callable<Integer> {
    @Option(names = "--pretrain-seeds", split = ",", defaultValue = "2019,2020,2021",
            description = "Pre-training seeds (default: ${DEFAULT-VALUE}; 2019 is the main job's).")
    List<Long> pretrainSeeds;

    @Option(names = "--fast", description = "Small settings (as reproduce --fast).")
    boolean fast;

    @Option(names = "--config", paramLabel = "FILE", description = "Settings file (JSON), as `reproduce --config` takes; instead of the"
            + " full or --fast preset.")
    Path configFile;

    @Option(names = "--tasks", split = ",", defaultValue = "classification,segmentation", description = "Tasks (default: ${DEFAULT-VALUE}).")
    List<String> tasks;

    @Option(names = "--out", defaultValue = "results", description = "Folder for the results (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--pools", split = ",", paramLabel = "N", description = "Unlabeled pool sizes to run (default: the settings'"
            + " pool sizes); the enlarged pools run at those of them the settings enlarge. E.g. `--pools 1000` for segmentation's"
            + " headline alone, a third of the time.")
    List<Integer> pools;

    /**
     * The conditions a draw runs: transplant seed 1, the most annotations, and the unlabeled pools of
     * {@code main} or, when {@code pools} is given, those pools and the enlarged ones among them.
     */
    static ExperimentConfig headline(ExperimentConfig main, List<Integer> pools) {
        ExperimentConfig.Runs runs = main.runs();
        ExperimentConfig headline = main.withRuns(List.of(runs.seeds().get(0)), List.of(runs.maxAnnotations()),
                pools != null ? pools : runs.poolSizes());
        if (pools == null) {
            return headline;
        }
        ExperimentConfig.ExpansionRuns e = main.expansion();
        return headline.with(b -> b.expansion = new ExperimentConfig.ExpansionRuns(e.pools().stream().filter(pools::contains).toList(),
                e.segmentationPools().stream().filter(pools::contains).toList()));
    }

    @Override
    public Integer call() {
        RunStats stats = new RunStats();
        List<Task> chosen = tasks.stream().map(Task::parse).distinct().toList();
        List<Task> withTeachers = new ArrayList<>(List.of(Task.CLASSIFICATION));
        chosen.stream().filter(t -> t != Task.CLASSIFICATION).forEach(withTeachers::add);
        if (configFile != null && fast) {
            throw new IllegalArgumentException("--config and --fast both choose the settings: pass one of them");
        }
        ExperimentConfig main = (configFile != null ? ConfigFiles.read(configFile) : fast ? ExperimentConfig.fast() : ExperimentConfig.full())
                .withTasks(withTeachers);
        ExperimentConfig headline = headline(main, pools);
        System.out.println("Spread over pre-training seeds " + pretrainSeeds + " (" + main.name() + " settings), backend: " + Backend.describe());
        DatasetImages data = main.data().load();
        Progress progress = Progress.lines(System.out);
        List<List<ResultRow>> perTask = new ArrayList<>();
        chosen.forEach(t -> perTask.add(new ArrayList<>()));
        for (long seed : pretrainSeeds) {
            ExperimentConfig config = headline.withPretrainSeed(seed);
            Pretrained pre = Pretrained.train(data, config, progress);
            for (int i = 0; i < chosen.size(); i++) {
                TransplantExperiment e = TransplantExperiment.of(chosen.get(i), config, data, progress);
                for (ResultRow r : e.run(pre)) {
                    perTask.get(i).add(new ResultRow(r.task(), r.category(), r.method(), r.annotations(), r.unlabeled(), seed, r.metric(), r.value()));
                }
            }
        }
        Path dir = out.resolve("spread");
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < chosen.size(); i++) {
            Task task = chosen.get(i);
            Table runs = Results.table(perTask.get(i));
            runs.column("seed").setName("pretrain_seed");
            Results.writeCsv(runs, dir.resolve(task.id() + ".csv"));
            runs.column("pretrain_seed").setName("seed");
            Table avg = Results.averaged(runs, TaskProtocol.metricOf(task), main.categories().transplanted().stream().map(Category::id).toList());
            avg.setName(task + ": " + TaskProtocol.metricOf(task) + ", mean ± std over " + pretrainSeeds.size()
                    + " pre-training draws of the mean over " + main.categories().transplanted());
            Results.writeCsv(avg, dir.resolve(task.id() + "-summary.csv"));
            report.append(avg.selectColumns("method", "annotations", "unlabeled", Results.SHOWN).printAll()).append("\n\n");
            report.append(PairedReport.writeOverDraws(task, runs, dir.resolve(task.id() + "-paired.csv"))).append('\n');
        }
        System.out.println();
        System.out.print(report);
        // per task, so that a spread of one task leaves another's files as they are
        for (Task task : chosen) {
            String settings = task.id() + "-" + ConfigFiles.RUN_FILE;
            ConfigFiles.write(headline, dir.resolve(settings));
            AtomicFiles.writeString(dir.resolve(task.id() + "-run.txt"), "pre-training seeds: " + pretrainSeeds + " (the settings'"
                    + " pretrainSeed is replaced by each of them)\ntasks run together: " + chosen + "\nsettings: " + settings + "\nbackend: "
                    + Backend.describe() + "\n" + stats.summary() + "\n");
        }
        System.out.println("Wrote " + dir + "/ (<task>.csv, <task>-summary.csv, <task>-paired.csv, <task>-settings.json, <task>-run.txt)");
        System.out.println(stats.summary());
        return 0;
    }
}
