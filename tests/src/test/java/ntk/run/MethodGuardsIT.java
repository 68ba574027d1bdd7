package ntk.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ntk.backend.Backend;
import ntk.config.ExperimentConfig;
import ntk.data.DatasetImages;
import ntk.data.FashionMnist;
import ntk.generic.Task;
import ntk.protocol.Condition;
import ntk.protocol.ResultRow;
import ntk.protocol.TaskProtocol;
import ntk.report.Results;
import ntk.transplant.BackDistillation;
import ntk.transplant.ExpansionSettings;
import ntk.transplant.TransplantMethod;
import ntk.transplant.TransplantMethods;
import ntk.transplant.TransplantSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guards that fail when a part of the method breaks: the claims the kit's results rest on, each
 * checked on the fast preset (two new categories, one seed) as a difference of means over the new
 * categories with a stated margin. Native builds move single scores by up to about 0.03, so every
 * margin stays well under the difference the fast preset gives (reference/fast) and well above
 * what it gives with the part switched off (both in each guard's comment). One run per task serves every
 * guard: about 2.5 minutes on 2 cores, plus 1.2 for pre-training when the module cache is empty.
 */
class MethodGuardsIT {
    /** Forward distillation on the views of ten images: the enlarged pool's effect without the backward term. */
    static final String FORWARD_VIEWS = "forward-distillation+views";

    static final Condition UNTRAINED = new Condition(Condition.UNTRAINED, 0, 0);
    static final Condition FORWARD_10 = new Condition(TransplantMethods.FORWARD, 0, 10);
    static final Condition BACK_10 = new Condition(TransplantMethods.BACK, 0, 10);
    static final Condition FORWARD_VIEWS_10 = new Condition(FORWARD_VIEWS, 0, 10);
    static final Condition DATA_FREE = new Condition(TransplantMethods.BACK_VIEWS_SYNTHESIS, 0, 0);
    static final Condition SUPERVISED_10 = new Condition(TransplantMethods.SUPERVISED, 10, 0);
    static final Condition SUPERVISED_100 = new Condition(TransplantMethods.SUPERVISED, 100, 0);
    static final Condition DISTILLED_100 = new Condition(TransplantMethods.BACK, 0, 100);

    private static final ExperimentConfig CONFIG = ExperimentConfig.fast();
    private static List<ResultRow> classification;
    private static List<ResultRow> segmentation;

    @BeforeAll
    static void runBothTasks() {
        Backend.init();
        DatasetImages data = FashionMnist.load();
        // the notebook runs' module cache (the pom points it into target/), keyed by every setting and the training code
        Pretrained pre = ModuleCache.shared(CONFIG).loadOrTrain(data, Progress.silent());

        TransplantSettings cls = CONFIG.transplant(Task.CLASSIFICATION);
        Map<String, TransplantMethod> methods = new LinkedHashMap<>();
        for (String name : List.of(TransplantMethods.FORWARD, TransplantMethods.BACK, TransplantMethods.BACK_VIEWS_SYNTHESIS)) {
            methods.put(name, TransplantMethods.create(name, cls));
        }
        // λ = 0 makes back-distillation forward distillation (the same code path), here on the enlarged pool
        methods.put(FORWARD_VIEWS, BackDistillation.enlarged(cls.withLambda(new BackDistillation.LambdaRule(0, 1)),
                ExpansionSettings.Method.VIEWS));
        classification = TransplantExperiment.of(Task.CLASSIFICATION, CONFIG, data, Progress.silent())
                .run(pre, List.of(UNTRAINED, FORWARD_10, BACK_10, FORWARD_VIEWS_10, DATA_FREE), methods);
        segmentation = TransplantExperiment.of(Task.SEGMENTATION, CONFIG, data, Progress.silent())
                .run(pre, List.of(UNTRAINED, SUPERVISED_10, SUPERVISED_100, DISTILLED_100));
        System.out.println(Results.table(classification).printAll());
        System.out.println(Results.table(segmentation).printAll());
    }

    /** Reference/fast: forward 0.230, back 0.028 (difference 0.202); with the backward term zeroed, back is forward (0.230). */
    @Test
    void backDistillationBeatsForwardDistillationFromTenImages() {
        double forward = mean(classification, FORWARD_10);
        double back = mean(classification, BACK_10);
        assertTrue(forward - back >= 0.10, "from 10 unlabeled images back-distillation should err at least 0.10 less than forward"
                + " distillation on the mean over the new categories: back " + back + ", forward " + forward);
    }

    /**
     * The views of ten images against the ten alone, for the forward-only student: the backward
     * term already gets back-distillation within 0.005 of the enlarged pools on the fast preset's
     * categories, so there the pool's own part is too small to guard. Reference/fast: forward 0.230;
     * on views 0.037 here, on the machine that wrote it (difference 0.193); views that add nothing
     * leave it at 0.230.
     */
    @Test
    void anEnlargedPoolBeatsThePlainTenImages() {
        double plain = mean(classification, FORWARD_10);
        double views = mean(classification, FORWARD_VIEWS_10);
        assertTrue(plain - views >= 0.10, "ten unlabeled images and their augmented views should give an error at least 0.10 below"
                + " the ten images alone: views " + views + ", plain " + plain);
    }

    /**
     * No real image: back-distillation on inputs the teacher synthesised. Reference/fast: 0.026
     * against the untrained adapter's 0.522 (a margin of 0.496); the synthesis' starting points
     * alone (no step on the pixels) reach 0.249, a margin of 0.273, so the stated 0.40 needs the
     * synthesis.
     */
    @Test
    void dataFreeTransplantingBeatsTheUntrainedAdapter() {
        double untrained = mean(classification, UNTRAINED);
        double dataFree = mean(classification, DATA_FREE);
        assertTrue(untrained - dataFree >= 0.40, "data-free transplanting should err at least 0.40 less than the untrained adapter:"
                + " data-free " + dataFree + ", untrained " + untrained);
    }

    /**
     * Segmentation, where the gain from labels is large (reference/fast: IoU 0.493 with 10 labels, 0.608
     * with 100, a difference of 0.115; an adapter that learns from its first 10 labels only gains
     * nothing); in classification the gain is 0.022 on the fast preset, inside what native builds
     * move, so it is not guarded there.
     */
    @Test
    void theSupervisedAdapterGainsFromMoreLabels() {
        double ten = mean(segmentation, SUPERVISED_10);
        double hundred = mean(segmentation, SUPERVISED_100);
        assertTrue(hundred - ten >= 0.05, "the supervised adapter's IoU with 100 labels should be at least 0.05 above its IoU with 10:"
                + " 100 labels " + hundred + ", 10 labels " + ten);
    }

    /**
     * Reference/fast: distillation from 100 scenes 0.609, the untrained adapter 0.001, the
     * teachers 0.706. The margin, 0.45, asks for three quarters of that gain, so a loss that only partly
     * works fails too; one that pairs each scene with another scene's target gets 0.000.
     */
    @Test
    void segmentationDistillationBeatsTheUntrainedAdapter() {
        double untrained = mean(segmentation, UNTRAINED);
        double distilled = mean(segmentation, DISTILLED_100);
        assertTrue(distilled - untrained >= 0.45, "distillation from 100 unlabeled scenes should reach an IoU at least 0.45 above the"
                + " untrained adapter's: distilled " + distilled + ", untrained " + untrained);
    }

    /** The task's metric for {@code c}, averaged over the new categories (one seed: the fast preset's). */
    private static double mean(List<ResultRow> rows, Condition c) {
        String metric = TaskProtocol.metricOf(Task.parse(rows.get(0).task()));
        List<Double> values = rows.stream().filter(r -> r.metric().equals(metric) && r.method().equals(c.method())
                && r.annotations() == c.annotations() && r.unlabeled() == c.unlabeled()).map(ResultRow::value).toList();
        assertEquals(CONFIG.categories().transplanted().size() * CONFIG.runs().seeds().size(), values.size(), "one score per new category: " + c);
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
