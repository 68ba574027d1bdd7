package ntk.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import ntk.backend.Backend;
import ntk.backend.Workers;
import ntk.data.FashionMnist;
import ntk.experiment.ClassificationExperiment;
import ntk.experiment.ClassificationReport;
import ntk.experiment.ExperimentConfig;
import ntk.experiment.Progress;
import ntk.experiment.ResultRow;
import ntk.experiment.Results;
import ntk.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

/** The main job: the classification comparison, its tables and its figures. */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Pre-train teachers and the generic network, transplant every new category with every method,"
                + " and write results/classification/ (comparison.csv, summaries, PNG plots with their CSVs).")
final class ReproduceCommand implements Callable<Integer> {
    @Option(names = "--fast", description = "Small settings (one seed, one new category) for tests and notebooks."
            + " Also switched on by the environment variable NTK_FAST=1.")
    boolean fast;

    @Option(names = "--out", description = "Folder for the results (default: ${DEFAULT-VALUE}).", defaultValue = "results")
    Path out;

    @Override
    public Integer call() {
        RunStats stats = new RunStats();
        boolean fastMode = fast || "1".equals(System.getenv("NTK_FAST"));
        ExperimentConfig config = fastMode ? ExperimentConfig.fast() : ExperimentConfig.full();
        System.out.println("Network transplanting: classification comparison (" + config.name() + " settings)");
        System.out.println("backend: " + Backend.describe() + ", " + Workers.count() + " parallel workers");
        FashionMnist data = FashionMnist.load();
        Progress progress = System.console() != null ? new ProgressBars() : Progress.lines(System.out);
        List<ResultRow> rows = new ClassificationExperiment(config, data, progress).run();
        if (progress instanceof ProgressBars bars) {
            bars.close();
        }

        Path dir = out.resolve("classification");
        Table runs = Results.table(rows);
        Results.writeCsv(runs, dir.resolve("comparison.csv"));
        System.out.println();
        System.out.println(ClassificationReport.write(config, runs, dir));
        String report = "settings: " + config + "\nbackend: " + Backend.describe() + ", workers: " + Workers.count()
                + "\n" + stats.summary() + "\n";
        AtomicFiles.writeString(dir.resolve("run.txt"), report);
        System.out.println();
        System.out.println("Wrote " + dir + "/: comparison.csv, summary.csv, summary_per_category.csv,"
                + " error_vs_annotations.png/.csv, error_vs_unlabeled.png/.csv, run.txt");
        System.out.println(stats.summary());
        return 0;
    }
}
