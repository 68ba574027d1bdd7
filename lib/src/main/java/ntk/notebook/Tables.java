package ntk.notebook;

import ntk.report.Results;
import tech.tablesaw.api.Table;

/**
 * Tables in the notebooks are Tablesaw tables printed as aligned text ({@code printAll()}): that
 * reads the same in every Jupyter front end, in the executed copies CI keeps, and in a terminal.
 */
public final class Tables {
    private Tables() {}

    /** Three decimals, enough for error rates on 10,000 test images and short enough to read. */
    public static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    /** The columns of a results summary a reader needs: condition and "mean ± std". */
    public static String summary(Table averaged) {
        return averaged.selectColumns("method", "annotations", "unlabeled", Results.SHOWN).printAll();
    }

    /** Per category and condition, "mean ± std". */
    public static String perCategory(Table perCategory) {
        return perCategory.selectColumns("category", "method", "annotations", "unlabeled", Results.SHOWN).printAll();
    }
}
