package ntk.protocol;

/** One measured number: the columns of comparison.csv. */
public record ResultRow(String task, String category, String method, int annotations, int unlabeled, long seed,
        String metric, double value) {}
