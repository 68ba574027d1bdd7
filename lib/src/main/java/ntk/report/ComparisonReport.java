package ntk.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import ntk.config.ExperimentConfig;
import ntk.data.Category;
import ntk.generic.Task;
import ntk.protocol.Condition;
import ntk.protocol.TaskProtocol;
import ntk.run.TransplantExperiment;
import ntk.transplant.TransplantMethods;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Turns one task's runs (comparison.csv) into its summaries, figures and printed tables. Kept
 * apart from running the experiment so the figures can be redrawn from the CSV alone.
 */
public final class ComparisonReport {
    private static final ColumnType[] COLUMNS = {ColumnType.STRING, ColumnType.STRING, ColumnType.STRING, ColumnType.INTEGER,
        ColumnType.INTEGER, ColumnType.LONG, ColumnType.STRING, ColumnType.DOUBLE};

    private ComparisonReport() {}

    /** Reads a comparison.csv written by {@link Results#writeCsv}. */
    public static Table readRuns(Path csv) {
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("no results file " + csv + "; run `reproduce` first (or pass --out to where it wrote)");
        }
        return Table.read().usingOptions(CsvReadOptions.builder(csv.toFile()).columnTypes(COLUMNS));
    }

    /**
     * Writes summary.csv, summary_per_category.csv, the paired evidence against the supervised
     * baseline ({@link PairedReport}: paired.csv, paired_per_category.csv, paired_differences.csv)
     * and the figures (with their CSVs; the third, error_vs_real_images, only where the runs hold
     * enlarged pools) into {@code dir}, and returns the tables as text for the console.
     */
    public static String write(ExperimentConfig config, Task task, Table allRuns, Path dir) {
        // conditions that repeat another's runs bit for bit are summarised, drawn and paired once
        Table runs = RepeatedRuns.withoutRepeats(allRuns);
        String repeated = RepeatedRuns.note(allRuns);
        String metric = TaskProtocol.metricOf(task);
        String label = TaskProtocol.labelOf(task);
        List<String> newIds = config.categories().transplanted().stream().map(Category::id).toList();
        Table perCategory = Results.perCategory(runs, metric);
        Table averaged = Results.averaged(runs, metric, newIds);
        Table seconds = Results.averaged(runs, TransplantExperiment.SECONDS, newIds);
        Results.writeCsv(perCategory, dir.resolve("summary_per_category.csv"));
        Results.writeCsv(averaged, dir.resolve("summary.csv"));

        int seeds = config.runs().seeds().size();
        String avgTitle = " (" + task + ", mean of " + newIds.size() + (newIds.size() == 1 ? " new category, " : " new categories, ")
                + seeds + (seeds == 1 ? " seed)" : " seeds)");
        int pool = config.runs().poolSizes().get(config.runs().poolSizes().size() - 1);
        Figures.write(sameRuns(Figures.errorVsAnnotations(averaged, pool, "Score vs annotations" + avgTitle, label), repeated), averaged,
                dir.resolve("error_vs_annotations.png"));
        // the CSV beside each figure holds the rows it draws, the teacher's line included
        Table zeroShot = averaged.where(averaged.stringColumn("method").isIn(TransplantMethods.FORWARD, TransplantMethods.BACK, TransplantMethods.SUPERVISED,
                Condition.TEACHER).and(averaged.intColumn("annotations").isEqualTo(0).or(averaged.stringColumn("method").isEqualTo(TransplantMethods.SUPERVISED))));
        Figures.write(sameRuns(Figures.errorVsUnlabeled(averaged, "Without annotations" + avgTitle, label), repeated), zeroShot,
                dir.resolve("error_vs_unlabeled.png"));

        if (averaged.stringColumn("method").isIn(TransplantMethods.BACK_VIEWS, TransplantMethods.BACK_VIEWS_SYNTHESIS).size() > 0) {
            Table small = averaged.where(averaged.stringColumn("method").isIn(TransplantMethods.FORWARD, TransplantMethods.BACK, TransplantMethods.BACK_VIEWS,
                    TransplantMethods.BACK_VIEWS_SYNTHESIS, TransplantMethods.SUPERVISED, Condition.TEACHER).and(averaged.intColumn("annotations").isEqualTo(0)
                    .or(averaged.stringColumn("method").isEqualTo(TransplantMethods.SUPERVISED))));
            Figures.write(sameRuns(Figures.errorVsRealImages(averaged, "Few or no real images" + avgTitle, label), repeated), small,
                    dir.resolve("error_vs_real_images.png"));
        }
        Table shownAvg = averaged.selectColumns("method", "annotations", "unlabeled", Results.SHOWN);
        shownAvg.setName(task + ": " + TaskProtocol.metricOf(task) + avgTitle.replace(" (" + task + ", ", " (") + ", mean ± std over seeds");
        Table shownSeconds = seconds.selectColumns("method", "annotations", "unlabeled", "mean");
        shownSeconds.replaceColumn("mean", shownSeconds.doubleColumn("mean").map(v -> Math.round(v * 100) / 100.0).setName("seconds"));
        shownSeconds.setName(task + ": seconds per run (learning the adapter and scoring it), mean over the new categories");
        Table shownPer = byCategoryOrder(perCategory, Results.categoryOrder(runs)).selectColumns("category", "method", "annotations", "unlabeled", Results.SHOWN);
        shownPer.setName(task + ": " + TaskProtocol.metricOf(task) + " per category, mean ± std over " + seeds + (seeds == 1 ? " seed" : " seeds"));
        String paired = PairedReport.write(task, runs, dir);
        return task + ": " + label + "\n" + (repeated.isEmpty() ? "" : repeated + "\n") + shownAvg.printAll() + "\n\n" + shownSeconds.printAll()
                + "\n\n" + shownPer.printAll() + "\n\n" + paired;
    }

    /**
     * Where back-distillation repeated forward distillation's runs ({@code note} not empty), the
     * legend says so beside forward distillation's series, which then stand for both (the title
     * has no room for it).
     */
    private static org.knowm.xchart.XYChart sameRuns(org.knowm.xchart.XYChart chart, String note) {
        if (!note.isEmpty()) {
            chart.getSeriesMap().forEach((name, s) -> {
                if (name.startsWith(TransplantMethods.FORWARD)) {
                    s.setLabel(name + " (= back-distillation: λ = 0, the same runs)");
                }
            });
        }
        return chart;
    }

    /** Rows in the order {@code first} gives the categories (the settings' order), then by method and budget. */
    static Table byCategoryOrder(Table perCategory, Map<String, Integer> first) {
        tech.tablesaw.api.IntColumn order = tech.tablesaw.api.IntColumn.create("order");
        for (String id : perCategory.stringColumn("category")) {
            order.append(first.get(id));
        }
        Table t = perCategory.copy().addColumns(order);
        return t.sortOn("order", "method", "annotations", "unlabeled").removeColumns("order");
    }
}
