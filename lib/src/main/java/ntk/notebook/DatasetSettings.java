package ntk.notebook;

import java.util.List;
import java.util.function.IntPredicate;
import ntk.config.ExperimentConfig;
import ntk.data.Category;
import ntk.data.Dataset;
import ntk.data.DatasetImages;
import ntk.data.Datasets;
import ntk.data.ImageSet;

/**
 * A preset's settings moved to another data set, for a course on one's own pictures
 * ({@link Course#settingsFor}). With {@code n} the fewest training pictures of a category the
 * runs use (base and transplanted), {@code b} the fewest of a base category, {@code t} the fewest
 * of a transplanted one, {@code N} all training and {@code M} all test pictures, each size is the
 * preset's or, where that is larger, what the pictures allow:
 *
 * <ul>
 *   <li>a teacher's positives (and as many others) at most {@code n}; the shared task module's
 *       per base category at most {@code b};
 *   <li>annotation budgets {@code k} with {@code k/2 + 1 <= t} (annotated sets are nested and
 *       draw one positive more than half), the others left out; so are unlabeled pools and
 *       enlarged pools above {@code N}; back-distillation with labels distils from at most
 *       {@code N};
 *   <li>LEGO: a pool of at most {@code N}, fine-tuning on at most {@code 2(t - 1)} annotations,
 *       a replay buffer of at most {@code 2(n - 1)}, scoring on at most {@code M} test pictures.
 * </ul>
 *
 * Seeds, tasks, training steps and transplant settings stay the preset's; the name is the data
 * set's and the preset's, e.g. {@code shapes-fast}. The data set is registered
 * ({@link Datasets#register}) unless it already is.
 */
final class DatasetSettings {
    private DatasetSettings() {}

    static ExperimentConfig fit(ExperimentConfig preset, Dataset dataset, List<String> base,
            List<String> transplanted) {
        Datasets.register(dataset); // settings name their data set; refused if the name is taken
        List<Category> b = base.stream().map(dataset::category).toList();
        List<Category> t = transplanted.stream().map(dataset::category).toList();
        DatasetImages data = dataset.load();
        ImageSet train = data.train();
        int fewestBase = fewest(train, b);
        int fewestNew = fewest(train, t);
        int fewest = Math.min(fewestBase, fewestNew);
        int all = train.size();
        int test = data.test().size();
        IntPredicate fitsPool = n -> n <= all;
        ExperimentConfig.Pretraining p = preset.pretraining();
        ExperimentConfig.Runs r = preset.runs();
        ExperimentConfig.SequentialSettings s = preset.sequential();
        ExperimentConfig.ExpansionRuns e = preset.expansion();
        return preset.with(c -> {
            c.name = dataset.name() + "-" + preset.name();
            c.dataset = dataset.name();
            c.categories = new ExperimentConfig.Categories(b, t);
            c.pretraining = new ExperimentConfig.Pretraining(p.seed(),
                    Math.min(p.teacherPerClass(), fewest), p.teacherTraining(),
                    Math.min(p.taskPerClass(), fewestBase), p.taskTraining());
            c.runs = new ExperimentConfig.Runs(r.seeds(),
                    only(r.annotationBudgets(), k -> k / 2 + 1 <= fewestNew),
                    only(r.poolSizes(), fitsPool), Math.min(r.backWithLabelsPool(), all),
                    r.scratchBaseline(), r.scratchTraining());
            c.sequential = new ExperimentConfig.SequentialSettings(Math.min(s.pool(), all),
                    Math.min(s.fineTuneAnnotations(), 2 * (fewestNew - 1)),
                    Math.min(s.classificationTestImages(), test),
                    Math.min(s.replayPerCategory(), 2 * (fewest - 1)), s.lwfWeight());
            c.expansion = new ExperimentConfig.ExpansionRuns(only(e.pools(), fitsPool),
                    only(e.segmentationPools(), fitsPool));
        });
    }

    /** The fewest training pictures any of {@code categories} has. */
    private static int fewest(ImageSet train, List<Category> categories) {
        return categories.stream().mapToInt(c -> train.indices(c, true).length).min().orElse(0);
    }

    private static List<Integer> only(List<Integer> sizes, IntPredicate fits) {
        return sizes.stream().filter(fits::test).toList();
    }
}
