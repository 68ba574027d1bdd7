package ntk.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import ntk.backend.Backend;
import ntk.backend.Workers;
import ntk.data.Category;
import ntk.data.FashionMnist;
import ntk.experiment.ClassificationExperiment;
import ntk.experiment.Condition;
import ntk.experiment.ExperimentConfig;
import ntk.experiment.Figures;
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
        List<String> newIds = config.newCategories().stream().map(Category::id).toList();
        Table perCategory = Results.perCategory(runs, ClassificationExperiment.METRIC);
        Table averaged = Results.averaged(runs, ClassificationExperiment.METRIC, newIds);
        Table seconds = Results.averaged(runs, ClassificationExperiment.SECONDS, newIds);
        Results.writeCsv(perCategory, dir.resolve("summary_per_category.csv"));
        Results.writeCsv(averaged, dir.resolve("summary.csv"));
        int pool = config.poolSizes().get(config.poolSizes().size() - 1);
        String avgTitle = " (mean of " + String.join(", ", newIds) + "; " + config.seeds().size() + " seeds)";
        Figures.write(Figures.errorVsAnnotations(averaged, pool, "Error vs annotations" + avgTitle), averaged,
                dir.resolve("error_vs_annotations.png"));
        Table zeroShot = averaged.where(averaged.intColumn("annotations").isEqualTo(0)
                .and(averaged.stringColumn("method").isIn(Condition.FORWARD, Condition.BACK)));
        Figures.write(Figures.errorVsUnlabeled(averaged, "Error vs unlabeled images, no annotations" + avgTitle), zeroShot,
                dir.resolve("error_vs_unlabeled.png"));

        System.out.println();
        System.out.println("Balanced test error, mean ± std over seeds, averaged over " + String.join(", ", newIds) + ":");
        System.out.println(averaged.selectColumns("method", "annotations", "unlabeled", "error").printAll());
        System.out.println();
        System.out.println("Seconds per run (learning the adapter and scoring it on the test set), mean over categories:");
        System.out.println(seconds.selectColumns("method", "annotations", "unlabeled", "mean").printAll());
        System.out.println();
        System.out.println("Per category:");
        System.out.println(perCategory.selectColumns("category", "method", "annotations", "unlabeled", "error").printAll());
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
