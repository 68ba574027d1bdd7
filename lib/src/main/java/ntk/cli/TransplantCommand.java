package ntk.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import ntk.data.Category;
import ntk.data.FashionMnist;
import ntk.data.ImageSet;
import ntk.data.Samples;
import ntk.experiment.Condition;
import ntk.experiment.ExperimentConfig;
import ntk.experiment.Metrics;
import ntk.generic.GenericNetwork;
import ntk.generic.Task;
import ntk.io.ModuleFiles;
import ntk.nn.Architectures;
import ntk.nn.ModuleSpec;
import ntk.train.Teacher;
import ntk.train.Trainer;
import ntk.transplant.BackDistillation;
import ntk.transplant.ForwardDistillation;
import ntk.transplant.SupervisedAdapter;
import ntk.transplant.TransplantMethod;
import ntk.transplant.Transplanter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Transplants a teacher file's category into a generic-network file: learns only the new adapter. */
@Command(name = "transplant", mixinStandardHelpOptions = true,
        description = "Transplant the category of a teacher file into a generic-network file: learn only its adapter from"
                + " K annotated and N unlabeled Fashion-MNIST training images, print its balanced test error,"
                + " and write the network file.")
final class TransplantCommand implements Callable<Integer> {
    /** The pool is drawn with another seed than the annotated samples, as the experiment does. */
    private static final long POOL_SEED_OFFSET = 1_000_003L;

    @Option(names = "--network", required = true, paramLabel = "FILE",
            description = "Generic-network file, e.g. network.ntk written by `ntk pretrain`.")
    Path network;

    @Option(names = "--teacher", required = true, paramLabel = "FILE",
            description = "Teacher file of the new category, e.g. teacher-sandal.ntk written by `ntk pretrain`.")
    Path teacher;

    @Option(names = "--task", defaultValue = "classification", description = "Task to connect the category to (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--method", defaultValue = Condition.BACK,
            description = "supervised, forward-distillation or back-distillation (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--annotations", paramLabel = "K", defaultValue = "0",
            description = "Annotated training images, half of them showing the category (default: ${DEFAULT-VALUE}).")
    int annotations;

    @Option(names = "--unlabeled", paramLabel = "N", defaultValue = "100",
            description = "Unlabeled training images, drawn at the natural class ratio (default: ${DEFAULT-VALUE}).")
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
        TransplantMethod m = method(method);
        Task t = Task.parse(task);
        checkSampleCounts(m);
        Trainer.Settings settings = ExperimentConfig.full().adapterTraining();
        if (steps != null) {
            settings = settings.withSteps(steps);
        }
        GenericNetwork net = ModuleFiles.loadNetwork(network);
        Teacher tc = ModuleFiles.loadTeacher(teacher);
        Category c = tc.category();
        if (net.categories().contains(c)) {
            throw new IllegalArgumentException("category " + c + " is already in " + network + " (it holds " + net.categories()
                    + "); a category is transplanted once: pick another teacher, or start from a network without " + c);
        }
        net.taskModule(t);

        FashionMnist data = FashionMnist.load();
        ImageSet train = data.train();
        int[] annotated = annotations == 0 ? new int[0] : Samples.annotated(train, c, annotations, seed);
        int[] pool = unlabeled == 0 ? new int[0] : Samples.unlabeledPool(train, unlabeled, seed + POOL_SEED_OFFSET);
        System.out.println("transplanting " + c + " into " + network + " with " + m.name() + " (" + annotations + " annotated, "
                + unlabeled + " unlabeled images, seed " + seed + ", " + settings.steps() + " steps)");
        Transplanter.transplant(net, tc, t, m, images(train, annotated), labels(train, annotated, c), images(train, pool),
                adapterSpec(net, t, tc), settings, seed);

        ImageSet test = data.test();
        double error = Metrics.balancedError(net.predict(c, t, test.images(test.all())), test.isCategory(test.all(), c));
        System.out.printf("%s: balanced test error %.4f (Fashion-MNIST test set, %d images)%n", c, error, test.size());
        Path target = out != null ? out : network;
        ModuleFiles.saveNetwork(target, net);
        System.out.println("wrote " + target + " (categories: " + net.categories() + ")");
        return 0;
    }

    static TransplantMethod method(String name) {
        return switch (name) {
            case Condition.SUPERVISED -> new SupervisedAdapter();
            case Condition.FORWARD -> new ForwardDistillation();
            case Condition.BACK -> new BackDistillation();
            default -> throw new IllegalArgumentException("unknown method '" + name + "'; use " + Condition.SUPERVISED + ", "
                    + Condition.FORWARD + " or " + Condition.BACK);
        };
    }

    private void checkSampleCounts(TransplantMethod m) {
        if (annotations < 0 || unlabeled < 0) {
            throw new IllegalArgumentException("--annotations and --unlabeled cannot be negative");
        }
        String name = m.name();
        if (name.equals(Condition.SUPERVISED) && annotations < 2) {
            throw new IllegalArgumentException("supervised needs annotated images, positive and negative: pass --annotations 2 or more");
        }
        if (name.equals(Condition.FORWARD) && unlabeled == 0) {
            throw new IllegalArgumentException("forward-distillation needs unlabeled images: pass --unlabeled 1 or more");
        }
        if (name.equals(Condition.BACK) && annotations + unlabeled == 0) {
            throw new IllegalArgumentException("back-distillation needs images: pass --unlabeled N and/or --annotations K");
        }
    }

    /** The architecture the network's other adapters of this task use, so every route looks alike. */
    private static ModuleSpec adapterSpec(GenericNetwork net, Task t, Teacher tc) {
        ModuleSpec fallback = Architectures.adapter(tc.features().spec().output());
        return net.routes().stream().filter(r -> r.task() == t).findFirst()
                .map(r -> net.adapter(r.category(), r.task()).spec())
                .filter(s -> s.input().equals(fallback.input()))
                .orElse(fallback);
    }

    /** Zero-row arrays where no images are used, as the transplanter expects. */
    private static INDArray images(ImageSet set, int[] idx) {
        return idx.length == 0 ? Nd4j.create(DataType.FLOAT, 0, 1, set.rows(), set.cols()) : set.images(idx);
    }

    private static INDArray labels(ImageSet set, int[] idx, Category c) {
        return idx.length == 0 ? Nd4j.create(DataType.FLOAT, 0, 1) : set.isCategory(idx, c);
    }
}
