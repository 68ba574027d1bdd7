package ntk.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import ntk.backend.Backend;
import ntk.data.Category;
import ntk.data.FashionMnist;
import ntk.experiment.ClassificationProtocol;
import ntk.experiment.TransplantExperiment;
import ntk.generic.Task;
import ntk.experiment.Condition;
import ntk.experiment.ExperimentConfig;
import ntk.experiment.Figures;
import ntk.experiment.Pretrained;
import ntk.experiment.Progress;
import ntk.experiment.ResultRow;
import ntk.experiment.Results;
import ntk.nn.Module;
import ntk.transplant.BackDistillation;
import ntk.transplant.ForwardDistillation;
import ntk.transplant.TransplantMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

/**
 * The sweep behind the default λ rule: zero-annotation back-distillation with a constant λ over
 * several decades, for every pool size, next to forward distillation (λ = 0) and to the default
 * rule with a He-initialised instead of an identity-initialised adapter.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = "Sweep the back-distillation weight lambda (and the adapter's initialisation) and write results/tuning/.")
final class TuneCommand implements Callable<Integer> {
    static final double[] LAMBDAS = {0.01, 0.1, 1, 10, 100};

    @Option(names = "--fast", description = "Small settings (as reproduce --fast).")
    boolean fast;

    @Option(names = "--categories", split = ",", defaultValue = "sandal,shirt",
            description = "New categories to sweep on (default: ${DEFAULT-VALUE}).")
    List<String> categories;

    @Option(names = "--seeds", split = ",", defaultValue = "1,2", description = "Seeds (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--out", defaultValue = "results", description = "Folder for the results (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() {
        RunStats stats = new RunStats();
        ExperimentConfig base = fast ? ExperimentConfig.fast() : ExperimentConfig.full();
        List<Category> sweepCategories = categories.stream().map(Category::parse).toList();
        ExperimentConfig config = new ExperimentConfig("tune-" + base.name(), base.baseCategories(), sweepCategories, seeds,
                base.annotationBudgets(), base.poolSizes(), base.backWithLabelsPool(), false, base.teacherPerClass(),
                base.teacherTraining(), base.taskPerClass(), base.taskTraining(), base.adapterTraining(), base.scratchTraining(),
                base.lambdaRule(), base.pretrainSeed(), List.of(Task.CLASSIFICATION), base.segmentation(), base.sequential());
        System.out.println("Back-distillation sweep (" + base.name() + " settings), backend: " + Backend.describe());

        Map<String, TransplantMethod> methods = new LinkedHashMap<>();
        Map<String, Double> lambdaOf = new LinkedHashMap<>();
        methods.put(Condition.FORWARD, new ForwardDistillation());
        for (double lambda : LAMBDAS) {
            String name = "back-distillation lambda=" + lambda;
            methods.put(name, new BackDistillation(new BackDistillation.LambdaRule(lambda, 0), 1));
            lambdaOf.put(name, lambda);
        }
        String heName = "back-distillation default rule, He-initialised adapter";
        methods.put(heName, new BackDistillation(config.lambdaRule(), 1, Module.Init.HE));
        methods.put(Condition.BACK, new BackDistillation(config.lambdaRule(), 1));
        List<Condition> conditions = new ArrayList<>();
        for (int n : config.poolSizes()) {
            for (String m : methods.keySet()) {
                conditions.add(new Condition(m, 0, n));
            }
        }

        Progress progress = Progress.lines(System.out);
        FashionMnist data = FashionMnist.load();
        Pretrained pre = Pretrained.train(data, config, progress);
        List<ResultRow> rows = TransplantExperiment.of(Task.CLASSIFICATION, config, data, progress).run(pre, conditions, methods);

        Path dir = out.resolve("tuning");
        Table runs = Results.table(rows);
        Results.writeCsv(runs, dir.resolve("lambda_sweep.csv"));
        Table avg = Results.averaged(runs, ClassificationProtocol.METRIC, categories.stream().map(c -> Category.parse(c).id()).toList());
        Results.writeCsv(avg, dir.resolve("summary.csv"));
        Figures.write(Figures.errorVsLambda(avg, lambdaOf, "Back-distillation weight, no annotations (mean of "
                + String.join(", ", categories) + "; " + seeds.size() + (seeds.size() == 1 ? " seed)" : " seeds)")), avg, dir.resolve("error_vs_lambda.png"));
        System.out.println();
        System.out.println("Balanced test error, mean ± std over seeds, averaged over " + String.join(", ", categories) + " (rule: "
                + config.lambdaRule() + "):");
        System.out.println(avg.where(avg.stringColumn("method").isNotEqualTo(Condition.TEACHER))
                .selectColumns("unlabeled", "method", Results.SHOWN).sortOn("unlabeled", "method").printAll());
        System.out.println("Wrote " + dir + "/: lambda_sweep.csv, summary.csv, error_vs_lambda.png/.csv");
        System.out.println(stats.summary());
        return 0;
    }
}
