package ntk.notebook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ntk.data.DataDirectory;
import ntk.generic.Task;
import tech.tablesaw.api.Table;

/**
 * How much a result moves from one transplant seed to the next, taken from the main job's
 * three-seed run (reference/full/&lt;task&gt;/summary_per_category.csv): a notebook runs one seed, so
 * this is the yardstick for whether a difference it sees could be the draw rather than the method.
 */
public final class SeedSpread {
    private final Table perCategory;

    /** {@code perCategory}: columns category, method, annotations, unlabeled, std (as the main job writes them). */
    public SeedSpread(Table perCategory) {
        this.perCategory = perCategory;
    }

    /** The main job's spread for {@code task}; with no reference folder, one that knows no condition. */
    public static SeedSpread reference(Task task) {
        Path csv = DataDirectory.root().toAbsolutePath().getParent().resolve("reference").resolve("full").resolve(task.id())
                .resolve("summary_per_category.csv");
        if (!Files.isRegularFile(csv)) {
            return new SeedSpread(null);
        }
        return new SeedSpread(Table.read().csv(csv.toFile()));
    }

    /**
     * The std over seeds of one condition's mean over {@code categories}, treating the categories'
     * draws as independent: √(Σ s_c²) / m. NaN when a category or the condition is not in the reference.
     */
    public double ofMean(String method, int annotations, int unlabeled, List<String> categories) {
        if (perCategory == null || categories.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (String c : categories) {
            Table row = perCategory.where(perCategory.stringColumn("category").isEqualTo(c)
                    .and(perCategory.stringColumn("method").isEqualTo(method))
                    .and(perCategory.intColumn("annotations").isEqualTo(annotations))
                    .and(perCategory.intColumn("unlabeled").isEqualTo(unlabeled)));
            if (row.rowCount() != 1) {
                return Double.NaN;
            }
            double s = row.doubleColumn("std").get(0);
            sum += s * s;
        }
        return Math.sqrt(sum) / categories.size();
    }
}
