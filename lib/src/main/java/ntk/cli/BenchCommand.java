package ntk.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ntk.backend.Backend;
import ntk.backend.Workers;
import ntk.config.ExperimentConfig;
import ntk.data.Category;
import ntk.data.Examples;
import ntk.generic.Task;
import ntk.nn.Module;
import ntk.nn.ModuleSpec;
import ntk.nn.Shape;
import ntk.train.Teacher;
import ntk.train.TeacherTraining;
import ntk.train.Trainer;
import ntk.transplant.AugmentedViews;
import ntk.transplant.ExpansionSettings;
import ntk.transplant.TeacherSynthesis;
import ntk.transplant.TransplantData;
import ntk.transplant.TransplantMethod;
import ntk.transplant.TransplantMethods;
import ntk.transplant.TransplantSettings;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Speed and memory figures, printed (never asserted): teacher training throughput, the cost of a
 * back-distillation step against a forward-distillation step, and wall time and peak memory of
 * the main job, each run in a fresh JVM as a user would run it.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Print speed and memory figures: teacher training images/s, forward vs back-distillation step time,"
                + " and wall time and peak memory of the main job.")
final class BenchCommand implements Callable<Integer> {
    /** The category the teachers of the timings stand for: the first one the full experiment transplants (they train on random images). */
    private static final Category BENCH_CATEGORY = ExperimentConfig.full().categories().transplanted().get(0);
    /** The full experiment's item shape. */
    private static final Shape ITEM = Task.item(ExperimentConfig.full().data().itemShape());

    private static final Pattern STATS = Pattern.compile("wall time (\\d+) s, peak resident memory (\\d+) MiB");

    @Option(names = "--main-job", description = "Which main-job runs to time in a child JVM: none, fast, full or both (default: ${DEFAULT-VALUE}).",
            defaultValue = "fast")
    String mainJob;

    @Option(names = "--steps", description = "Training steps per timed measurement (default: ${DEFAULT-VALUE}).", defaultValue = "100")
    int steps;

    @Override
    public Integer call() throws Exception {
        if (steps < 2) { // teacher training times steps / 2 of them: fewer than 2 would divide by zero
            throw new IllegalArgumentException("--steps must be at least 2, got " + steps);
        }
        List<String> mainJobs = switch (mainJob) { // checked before minutes of timing, not after
            case "none" -> List.<String>of();
            case "fast", "full" -> List.of(mainJob);
            case "both" -> List.of("fast", "full");
            default -> throw new IllegalArgumentException("--main-job must be none, fast, full or both, got '" + mainJob + "'");
        };
        System.out.println("backend: " + Backend.describe() + "; timings on one worker thread with one native thread, as the main job runs "
                + Workers.count() + " of them side by side");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"teacher training", String.format("%.0f images/s", teacherImagesPerSecond())});
        for (Task task : Task.values()) {
            TransplantSettings selected = ExperimentConfig.full().transplant(task);
            int batch = selected.training().batchSize();
            double[] ms = Workers.map(List.of(0), i -> new double[] {stepMillis(task, selected, TransplantMethods.FORWARD),
                stepMillis(task, selected, TransplantMethods.BACK)}).get(0);
            String at = " (" + task + ", batch " + batch + ")";
            rows.add(new String[] {"forward-distillation step" + at, String.format("%.2f ms", ms[0])});
            rows.add(new String[] {"back-distillation step" + at, String.format("%.2f ms", ms[1])});
            rows.add(new String[] {"back / forward step time" + at, String.format("%.2fx (target <= 2x)", ms[1] / ms[0])});
        }
        rows.addAll(expansionRows());
        for (String mode : mainJobs) {
            rows.add(mainJobRow(mode));
        }
        System.out.println();
        for (String[] r : rows) {
            System.out.printf("%-40s %s%n", r[0], r[1]);
        }
        return 0;
    }

    private double teacherImagesPerSecond() {
        return Workers.map(List.of(0), i -> {
            INDArray x = Nd4j.rand(DataType.FLOAT, ITEM.withBatch(640));
            INDArray y = Nd4j.rand(DataType.FLOAT, 640, 1).gt(0.5).castTo(DataType.FLOAT);
            Trainer.Settings s = new Trainer.Settings(10, 1e-3, 64);
            Examples ex = new Examples(x, y);
            TeacherTraining.train(Task.CLASSIFICATION, BENCH_CATEGORY, ex, s, 1); // builds and warms up the graph
            double t = timed(() -> TeacherTraining.train(Task.CLASSIFICATION, BENCH_CATEGORY, ex, s.withSteps(10 + steps / 2), 1))
                    - timed(() -> TeacherTraining.train(Task.CLASSIFICATION, BENCH_CATEGORY, ex, s, 1));
            return 64.0 * (steps / 2) / t;
        }).get(0);
    }

    /**
     * What enlarging a classification pool of 10 real images costs per run, with the selected
     * views and synthesis settings, on a teacher trained briefly on random images (the cost does
     * not depend on what it learned): the views, then the synthesis from the real images and views.
     */
    private List<String[]> expansionRows() {
        ExpansionSettings e = ExperimentConfig.full().transplant(Task.CLASSIFICATION).expansion();
        double[] seconds = Workers.map(List.of(0), i -> {
            INDArray x = Nd4j.rand(DataType.FLOAT, ITEM.withBatch(640));
            INDArray y = Nd4j.rand(DataType.FLOAT, 640, 1).gt(0.5).castTo(DataType.FLOAT);
            Teacher teacher = TeacherTraining.train(Task.CLASSIFICATION, BENCH_CATEGORY, new Examples(x, y), new Trainer.Settings(10, 1e-3, 64), 1);
            INDArray real = Nd4j.rand(DataType.FLOAT, ITEM.withBatch(10));
            AugmentedViews views = new AugmentedViews(e.views());
            double v = timed(() -> views.expand(real, teacher, Task.CLASSIFICATION, 1));
            INDArray viewed = views.expand(real, teacher, Task.CLASSIFICATION, 1);
            double s = timed(() -> new TeacherSynthesis(e.synthesis()).expand(viewed, teacher, Task.CLASSIFICATION, 1));
            return new double[] {v, s};
        }).get(0);
        String viewsLabel = "views of 10 images (" + e.views().viewsPerImage() + " each)";
        String synthesisLabel = "teacher synthesis (" + e.synthesis().count() + " inputs, " + e.synthesis().steps() + " steps)";
        return List.of(new String[] {viewsLabel, String.format("%.2f s per run", seconds[0])},
                new String[] {synthesisLabel, String.format("%.2f s per run", seconds[1])});
    }

    /** Milliseconds per step, from the difference of two runs so graph building cancels out. */
    private double stepMillis(Task t, TransplantSettings selected, String method) {
        int batch = selected.training().batchSize();
        ModuleSpec adapter = selected.adapter(t.adapter(ITEM).input());
        Shape z = adapter.input();
        Module task = Module.initialised(t.head(z, ModuleSpec.Role.TASK), Module.Init.HE, 1, DataType.FLOAT);
        Module head = Module.initialised(t.head(z, ModuleSpec.Role.TEACHER_HEAD), Module.Init.HE, 2, DataType.FLOAT);
        INDArray pool = Nd4j.rand(DataType.FLOAT, z.withBatch(1000));
        INDArray none = Nd4j.create(DataType.FLOAT, z.withBatch(0));
        TransplantData data = new TransplantData(task, head, adapter, none, Nd4j.create(DataType.FLOAT, t.output(ITEM).withBatch(0)), pool);
        TransplantSettings shortRun = selected.withTraining(new Trainer.Settings(10, 1e-3, batch));
        TransplantMethod few = TransplantMethods.create(method, shortRun);
        TransplantMethod more = TransplantMethods.create(method, shortRun.withTraining(shortRun.training().withSteps(10 + steps)));
        if (few.needsFirstBlock()) {
            // matching at f_c's first block too: random first-block outputs, and the pool is what f_c's rest makes of them
            Module[] parts = ntk.transplant.FirstBlock.split(Module.initialised(ntk.nn.Architectures.categoryModule(t.input(ITEM)), Module.Init.HE, 3,
                    DataType.FLOAT));
            INDArray a = Nd4j.rand(DataType.FLOAT, parts[1].spec().input().withBatch(1000));
            data = new TransplantData(task, head, adapter, none, Nd4j.create(DataType.FLOAT, t.output(ITEM).withBatch(0)),
                    new ntk.nn.ForwardPass(parts[1]).apply(a)).withFirstBlock(new ntk.transplant.FirstBlock(parts[1],
                    Nd4j.create(DataType.FLOAT, parts[1].spec().input().withBatch(0)), a));
        }
        TransplantData run = data;
        few.learnAdapter(run, 1);
        double seconds = timed(() -> more.learnAdapter(run, 1)) - timed(() -> few.learnAdapter(run, 1));
        return 1000 * seconds / steps;
    }

    private static double timed(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return (System.nanoTime() - t) / 1e9;
    }

    /** What the README's main job passes to {@code reproduce} with the full settings. */
    static final List<String> MAIN_JOB = List.of("--tasks", "classification", "--no-sequential");

    /** Runs the main job in a child JVM with the same class path and reads its closing line. */
    private String[] mainJobRow(String mode) throws IOException, InterruptedException {
        Path out = Files.createTempDirectory("ntk-bench-");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "reproduce", "--out", out.toString()));
        if (mode.equals("fast")) {
            cmd.add("--fast");
        } else {
            cmd.addAll(MAIN_JOB); // the full settings' main job is the classification comparison alone (README)
        }
        System.out.println("timing the main job (" + mode + ") in a child JVM ...");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        Matcher m = STATS.matcher(log);
        String label = "main job, " + mode + " settings";
        if (code != 0 || !m.find()) {
            return new String[] {label, "failed (exit " + code + "): " + log.lines().reduce((a, b) -> b).orElse("")};
        }
        return new String[] {label, "wall " + m.group(1) + " s, peak RSS " + m.group(2) + " MiB"};
    }
}
