package ntk.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import ntk.config.ExperimentConfig;
import ntk.generic.Task;
import ntk.report.ComparisonReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Redraws the summaries and figures from an existing comparison.csv, without training anything. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Rewrite summary CSVs (the paired evidence included) and figures of results/<task>/ from its comparison.csv.")
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--fast", description = "The CSV came from `reproduce --fast` (only needed where the run wrote no settings.json).")
    boolean fast;

    @Option(names = "--out", defaultValue = "results", description = "Folder the results were written to (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--tasks", split = ",", defaultValue = "classification,segmentation",
            description = "Tasks to redraw (default: ${DEFAULT-VALUE}).")
    java.util.List<String> tasks;

    @Option(names = "--readme", paramLabel = "FILE", arity = "1..*", description = "Instead: rewrite the result tables of each FILE"
            + " (blocks between <!-- table NAME --> and <!-- end table -->) from the run in --out,"
            + " e.g. `report --readme README.md docs/results.md --out reference/full`.")
    java.util.List<Path> readme;

    @Option(names = "--tuning", paramLabel = "DIR", description = "Instead: redraw the tuning figures (<task>[-<part>].png) of DIR"
            + " from their candidate CSVs, e.g. `report --tuning data/tuning`.")
    Path tuning;

    @Option(names = "--spread", paramLabel = "DIR", description = "Instead: write <task>-paired.csv of a `spread` folder from its"
            + " <task>.csv (each zero-annotation condition against the supervised baseline, per pre-training draw),"
            + " e.g. `report --spread reference/spread`.")
    Path spread;

    @Override
    public Integer call() throws java.io.IOException {
        if (spread != null) {
            for (String id : tasks) {
                Task task = Task.parse(id);
                Path csv = spread.resolve(task.id() + ".csv");
                System.out.println(ntk.report.PairedReport.writeOverDraws(task, ntk.report.ReadmeTables.spreadRuns(csv),
                        spread.resolve(task.id() + "-paired.csv")));
            }
            return 0;
        }
        if (tuning != null) {
            ntk.report.TuningReport.redraw(tuning).forEach(p -> System.out.println("redrew: " + p));
            return 0;
        }
        if (readme != null) {
            for (Path file : readme) {
                String text = java.nio.file.Files.readString(file);
                String updated = ntk.report.ReadmeTables.update(text, out);
                ntk.io.AtomicFiles.writeString(file, updated);
                System.out.println((text.equals(updated) ? "unchanged: " : "rewrote: ") + file + " (tables "
                        + ntk.report.ReadmeTables.names(text) + " from " + out + ")");
            }
            return 0;
        }
        ExperimentConfig config = fast ? ExperimentConfig.fast() : ExperimentConfig.full();
        for (String id : tasks) {
            Task task = Task.parse(id);
            Path dir = out.resolve(task.id());
            // the run's own settings, where it wrote them, describe its categories and seeds
            Path written = dir.resolve(ntk.config.ConfigFiles.RUN_FILE);
            ExperimentConfig used = java.nio.file.Files.isRegularFile(written) ? ntk.config.ConfigFiles.read(written) : config;
            System.out.println(ComparisonReport.write(used, task, ComparisonReport.readRuns(dir.resolve("comparison.csv")), dir));
        }
        return 0;
    }
}
