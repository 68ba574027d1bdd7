package ntk.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import ntk.experiment.ClassificationReport;
import ntk.experiment.ExperimentConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Redraws the summaries and figures from an existing comparison.csv, without training anything. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Rewrite summary CSVs and figures of results/classification/ from its comparison.csv.")
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--fast", description = "The CSV came from `reproduce --fast`.")
    boolean fast;

    @Option(names = "--out", defaultValue = "results", description = "Folder the results were written to (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() {
        Path dir = out.resolve("classification");
        ExperimentConfig config = fast ? ExperimentConfig.fast() : ExperimentConfig.full();
        System.out.println(ClassificationReport.write(config, ClassificationReport.readRuns(dir.resolve("comparison.csv")), dir));
        return 0;
    }
}
