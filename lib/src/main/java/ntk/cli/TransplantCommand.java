package ntk.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import ntk.config.ExperimentConfig;
import ntk.data.Category;
import ntk.data.DatasetImages;
import ntk.data.Datasets;
import ntk.data.Examples;
import ntk.data.ImageSet;
import ntk.generic.GenericNetwork;
import ntk.generic.Task;
import ntk.io.ModuleFiles;
import ntk.protocol.TaskProtocol;
import ntk.run.TransplantExperiment;
import ntk.train.Teacher;
import ntk.transplant.TransplantMethod;
import ntk.transplant.TransplantMethods;
import ntk.transplant.TransplantSettings;
import ntk.transplant.Transplanter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Transplants a teacher file's category into a generic-network file: learns only the new adapter. */
@Command(name = "transplant", mixinStandardHelpOptions = true,
        description = "Transplant the category of a teacher file into a generic-network file for one task: learn only its"
                + " adapter from K annotated and N unlabeled training inputs (images of the teacher's data set, or scenes for segmentation),"
                + " print its test scores, and write the network file.")
final class TransplantCommand implements Callable<Integer> {
    @Option(names = "--network", required = true, paramLabel = "FILE",
            description = "Generic-network file, e.g. network.ntk written by `ntk pretrain`.")
    Path network;

    @Option(names = "--teacher", required = true, paramLabel = "FILE",
            description = "Teacher file of the new category, e.g. teacher-sandal.ntk written by `ntk pretrain`.")
    Path teacher;

    @Option(names = "--task", defaultValue = "classification", description = "Task to connect the category to (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--method", defaultValue = TransplantMethods.BACK,
            description = "A transplant method by name: supervised, forward-distillation, back-distillation,"
                    + " back-distillation+views, back-distillation+views+synthesis, or one registered in"
                    + " ntk.transplant.TransplantMethods (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--annotations", paramLabel = "K", defaultValue = "0",
            description = "Annotated training inputs: images, half of them showing the category, or scenes with masks (default: ${DEFAULT-VALUE}).")
    int annotations;

    @Option(names = "--unlabeled", paramLabel = "N", defaultValue = "100",
            description = "Unlabeled training inputs: images at the natural class ratio, or scenes of the category (default: ${DEFAULT-VALUE}).")
    int unlabeled;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the samples and the training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--steps", description = "Adapter training steps (default: the full experiment's).")
    Integer steps;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the network (default: replace --network, atomically).")
    Path out;

    @Override
    public Integer call() {
        // everything that can be checked without data or training is checked first
        Task t = Task.parse(task);
        TransplantSettings selected = ExperimentConfig.full().transplant(t);
        TransplantMethod m = TransplantMethods.create(method, selected);
        if (steps != null) {
            if (steps < 1) {
                throw new IllegalArgumentException("--steps must be 1 or more, got " + steps + ": each step trains the adapter on one"
                        + " batch; leave it out for the full experiment's " + m.training().steps() + " steps");
            }
            m = TransplantMethods.create(method,
                    selected.withTraining(selected.training().withSteps(steps)).withSupervised(selected.supervised().withSteps(steps)));
        }
        checkSampleCounts(m, t);
        GenericNetwork net = ModuleFiles.loadNetwork(network);
        Teacher tc = ModuleFiles.loadTeacher(teacher);
        Category c = tc.category();
        DatasetImages data = Datasets.named(c.dataset()).load();
        checkAtMostLargest("--annotations", annotations, t, true, data.train(), c);
        checkAtMostLargest("--unlabeled", unlabeled, t, false, data.train(), c);
        if (net.routes().contains(new GenericNetwork.Route(c, t))) {
            throw new IllegalArgumentException("category " + c + " is already connected to the " + t + " task in " + network
                    + " (routes: " + net.routes() + "); a category is transplanted once per task: pick another teacher or task,"
                    + " or start from a network without it");
        }
        net.taskModule(t);
        tc.head(t);

        TaskProtocol protocol = TaskProtocol.of(t, ExperimentConfig.full(), data);
        Examples annotated = annotations == 0 ? none(t, tc) : protocol.annotated(c, annotations, seed);
        INDArray pool = unlabeled == 0 ? none(t, tc).inputs() : protocol.unlabeled(c, unlabeled, seed + TransplantExperiment.POOL_SEED_OFFSET);
        System.out.println("transplanting " + c + " into " + network + " (" + t + ") with " + method + " (" + annotations
                + " annotated, " + unlabeled + " unlabeled inputs, seed " + seed + ", " + m.training().steps() + " steps)");
        Transplanter.transplant(net, tc, t, m, annotated.inputs(), annotated.labels(), pool, seed);

        Examples test = protocol.test(c);
        Map<String, Double> scores = protocol.score(net.predict(c, t, test.inputs()), test.labels());
        scores.forEach((metric, value) -> System.out.printf("%s, %s: %s %.4f on %d test inputs%n", c, t, metric, value, test.size()));
        Path target = out != null ? out : network;
        ModuleFiles.saveNetwork(target, net);
        System.out.println("wrote " + target + " (categories: " + net.categories() + ")");
        return 0;
    }

    /** The largest value of {@code --annotations} (annotated) or {@code --unlabeled} the task can use with {@code c}'s training images. */
    static int largest(Task t, boolean annotated, ImageSet train, Category c) {
        return switch (t) {
            // the nested draw takes k/2 + 1 images of the category
            case CLASSIFICATION -> annotated ? 2 * train.indices(c, true).length - 1 : train.size();
            case SEGMENTATION -> Integer.MAX_VALUE / (int) Math.min(Integer.MAX_VALUE, 4L * train.shape().size());
        };
    }

    private static String why(Task t, boolean annotated, ImageSet train, Category c) {
        return switch (t) {
            case CLASSIFICATION -> annotated
                    ? "annotated images, as half of them show the category, which has " + train.indices(c, true).length + " training images"
                    : "unlabeled images, the whole training set";
            case SEGMENTATION -> "scenes, the most one array holds";
        };
    }

    private void checkSampleCounts(TransplantMethod m, Task t) {
        if (annotations < 0 || unlabeled < 0) {
            throw new IllegalArgumentException("--annotations and --unlabeled cannot be negative");
        }
        m.checkSamples(annotations, unlabeled);
    }

    private static void checkAtMostLargest(String option, int value, Task t, boolean annotated, ImageSet train, Category c) {
        int max = largest(t, annotated, train, c);
        if (value > max) {
            throw new IllegalArgumentException(option + " " + value + " is more than " + t + " can use: at most " + max + " "
                    + why(t, annotated, train, c) + "; pass " + option + " " + max + " or fewer");
        }
    }

    /** Zero rows of the task's inputs and labels, for what a method does not use. */
    private static Examples none(Task t, Teacher tc) {
        return new Examples(Nd4j.create(DataType.FLOAT, t.input(tc.itemShape()).withBatch(0)),
                Nd4j.create(DataType.FLOAT, t.output(tc.itemShape()).withBatch(0)));
    }
}
