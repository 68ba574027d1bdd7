package ntk.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import ntk.report.MetricRows;
import ntk.report.RerunComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Compares a rerun's scores with a reference run's, row by row, and says whether the rerun reproduced them. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Compare the scores of a rerun (every comparison.csv row except timings, and the LEGO experiment's"
                + " scores in sequential/sequential.csv) with a reference run's. Exit status 0 when every row is equal or"
                + " within the tolerance, 1 when a row differs or is missing on one side, 2 when there is nothing to compare.")
final class VerifyCommand implements Callable<Integer> {
    /**
     * Exact reproduction: only differences far below any score's resolution pass. A rerun with the
     * reference's native flavour is bit-identical; another flavour moves scores by up to 0.11 (README).
     */
    static final String DEFAULT_TOLERANCE = "1e-9";
    static final int WORST_ROWS_SHOWN = 15;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RESULTS_DIR", defaultValue = "results",
            description = "Folder `reproduce` wrote (default: ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--against", paramLabel = "DIR", defaultValue = "reference/full",
            description = "Reference results to compare with (default: ${DEFAULT-VALUE}; reference/fast for a `reproduce --fast` rerun).")
    Path reference;

    @Option(names = "--tolerance", paramLabel = "T", defaultValue = DEFAULT_TOLERANCE,
            description = "Largest |difference| a row may show and still pass (default: ${DEFAULT-VALUE}: a rerun with the"
                    + " reference's native flavour is bit-identical; another flavour moves scores by up to 0.11).")
    double tolerance;

    @Override
    public Integer call() {
        if (!(tolerance >= 0)) {
            return refuse("--tolerance must be 0 or more, got " + tolerance);
        }
        if (!MetricRows.present(reference)) {
            boolean fast = reference.getFileName() != null && reference.getFileName().toString().contains("fast");
            return refuse("no reference results in " + reference + (Files.isDirectory(reference) ? " (no comparison.csv or sequential.csv)" : "")
                    + "; regenerate them with `ntk reproduce" + (fast ? " --fast" : "") + " --reference --out " + reference + "`");
        }
        if (!MetricRows.present(results)) {
            return refuse("no results to verify in " + results + "; run `ntk reproduce` first (with --fast to compare with reference/fast),"
                    + " or name the folder it wrote");
        }
        // a run of some tasks (the main job, or the segmentation comparison on its own) is checked on those
        List<String> parts = MetricRows.parts(results);
        Map<String, Double> expected = MetricRows.read(reference, parts);
        Map<String, Double> actual = MetricRows.read(results, parts);
        RerunComparison comparison = RerunComparison.of(expected, actual, tolerance);
        spec.commandLine().getOut().println("verify " + results + " against " + reference + " (" + String.join(", ", parts) + "):");
        List<String> notRun = MetricRows.parts(reference).stream().filter(p -> !parts.contains(p)).toList();
        if (!notRun.isEmpty()) {
            spec.commandLine().getOut().println("not compared, not in " + results + ": " + String.join(", ", notRun)
                    + (notRun.contains(MetricRows.SEQUENTIAL) ? " (the LEGO experiment runs unless --no-sequential)" : "")
                    + (notRun.stream().anyMatch(p -> !p.equals(MetricRows.SEQUENTIAL)) ? " (a task runs with `reproduce --tasks TASK`)" : ""));
        }
        spec.commandLine().getOut().print(comparison.report(WORST_ROWS_SHOWN));
        spec.commandLine().getOut().flush();
        return comparison.passed() ? 0 : 1;
    }

    /** Nothing to compare: a usage error (exit status 2), so it cannot be mistaken for a failed comparison (1). */
    private int refuse(String message) {
        spec.commandLine().getErr().println("error: " + message);
        return 2;
    }
}
