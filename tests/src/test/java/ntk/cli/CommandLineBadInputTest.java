package ntk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import ntk.backend.Backend;
import ntk.config.ExperimentConfig;
import ntk.data.DatasetImages;
import ntk.data.FashionMnist;
import ntk.data.Scenes;
import ntk.generic.GenericNetwork;
import ntk.generic.Task;
import ntk.io.ModuleFiles;
import ntk.nn.Architectures;
import ntk.nn.Module;
import ntk.nn.ModuleSpec;
import ntk.nn.Shape;
import ntk.protocol.TaskProtocol;
import ntk.train.Teacher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad command line of the table in docs/bad-input.md, run through the real command line: it
 * must fail (non-zero exit), print one error naming the problem and the fix, and write nothing.
 */
class CommandLineBadInputTest {
    /** A Fashion-MNIST item: 1×28×28. */
    static final Shape FASHION_ITEM = Shape.image(1, 28, 28);

    @TempDir
    static Path dir;
    private static Path network;
    private static Path teacher;

    @BeforeAll
    static void files() {
        Backend.init();
        // a classification-only network with bag, and a classification-only sandal teacher (real architectures, random weights)
        GenericNetwork net = new GenericNetwork();
        Task t = Task.CLASSIFICATION;
        net.addTaskModule(t, random(t.head(t.adapter(FASHION_ITEM).output(), ModuleSpec.Role.TASK), 1));
        net.addCategory(FashionMnist.BAG, random(Architectures.categoryModule(FASHION_ITEM), 2));
        net.addAdapter(FashionMnist.BAG, t, random(t.adapter(FASHION_ITEM), 3));
        network = dir.resolve("network.ntk");
        ModuleFiles.saveNetwork(network, net);
        teacher = dir.resolve("teacher-sandal.ntk");
        ModuleFiles.saveTeacher(teacher, new Teacher(FashionMnist.SANDAL, random(Architectures.categoryModule(FASHION_ITEM), 4),
                random(t.head(t.adapter(FASHION_ITEM).input(), ModuleSpec.Role.TEACHER_HEAD), 5)));
        // a reference for `verify` to hold a missing rerun against
        ntk.report.Results.writeCsv(ntk.report.Results.table(java.util.List.of(new ntk.protocol.ResultRow("classification",
                "sandal", "teacher", 0, 0, 1, "balanced_error", 0.01))), dir.resolve("reference-made-here/classification/comparison.csv"));
        ModuleFiles.saveTeacher(dir.resolve("teacher-bag.ntk"), new Teacher(FashionMnist.BAG, random(Architectures.categoryModule(FASHION_ITEM), 6),
                random(t.head(t.adapter(FASHION_ITEM).input(), ModuleSpec.Role.TEACHER_HEAD), 7)));
    }

    private static Module random(ModuleSpec spec, long seed) {
        return Module.initialised(spec, Module.Init.HE, seed, org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }

    /** docs/bad-input.md row, arguments ({@code NET}, {@code TEACHER} and {@code DIR} are replaced), words the error must contain. */
    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("unknown command", "frobnicate", new String[] {"Unmatched argument", "frobnicate"}),
                Arguments.of("unknown option", "reproduce --fastest", new String[] {"Unknown option", "--fastest"}),
                Arguments.of("missing required option", "transplant --teacher TEACHER", new String[] {"Missing required option", "--network"}),
                Arguments.of("not a number", "transplant --network NET --teacher TEACHER --unlabeled many",
                        new String[] {"Invalid value", "--unlabeled", "many"}),
                Arguments.of("unknown task", "transplant --network NET --teacher TEACHER --task detection",
                        new String[] {"unknown task 'detection'", "classification, segmentation"}),
                Arguments.of("unknown task (main job)", "reproduce --tasks detection",
                        new String[] {"unknown task 'detection'", "classification, segmentation"}),
                Arguments.of("unknown method", "transplant --network NET --teacher TEACHER --method magic",
                        new String[] {"unknown method 'magic'", "back-distillation"}),
                Arguments.of("negative sample count", "transplant --network NET --teacher TEACHER --annotations -1",
                        new String[] {"cannot be negative"}),
                Arguments.of("method without the samples it needs", "transplant --network NET --teacher TEACHER --method supervised",
                        new String[] {"supervised needs annotated images", "--annotations"}),
                Arguments.of("no images at all", "transplant --network NET --teacher TEACHER --unlabeled 0",
                        new String[] {"back-distillation needs images", "--unlabeled"}),
                Arguments.of("bad training steps", "transplant --network NET --teacher TEACHER --steps -5",
                        new String[] {"--steps must be 1 or more, got -5", "leave it out"}),
                Arguments.of("no training steps", "transplant --network NET --teacher TEACHER --steps 0",
                        new String[] {"--steps must be 1 or more, got 0", "leave it out for the full experiment's "
                                + ntk.config.ExperimentConfig.full().transplant(ntk.generic.Task.CLASSIFICATION).training().steps() + " steps"}),
                Arguments.of("bench with too few steps", "bench --steps 1 --main-job none", new String[] {"--steps must be at least 2, got 1"}),
                Arguments.of("more annotated images than there are", "transplant --network NET --teacher TEACHER --annotations 100000000",
                        new String[] {"--annotations 100000000", "at most 11999", "pass --annotations 11999 or fewer"}),
                Arguments.of("more unlabeled images than there are", "transplant --network NET --teacher TEACHER --unlabeled 100000000",
                        new String[] {"--unlabeled 100000000", "at most 60000", "pass --unlabeled 60000 or fewer"}),
                Arguments.of("more scenes than one array holds",
                        "transplant --network NET --teacher TEACHER --task segmentation --unlabeled 1000000",
                        new String[] {"--unlabeled 1000000", "at most 684784 scenes", "pass --unlabeled 684784 or fewer"}),
                Arguments.of("missing network file", "transplant --network DIR/none.ntk --teacher TEACHER",
                        new String[] {"none.ntk", "no such file", "Check the path"}),
                Arguments.of("a teacher file given as the network", "transplant --network TEACHER --teacher TEACHER",
                        new String[] {"teacher", "network"}),
                Arguments.of("network without the task's module", "transplant --network NET --teacher TEACHER --task segmentation",
                        new String[] {"no segmentation task module", "classification"}),
                Arguments.of("category already in the network", "transplant --network NET --teacher DIR/teacher-bag.ntk",
                        new String[] {"bag is already connected to the classification task"}),
                Arguments.of("report before the main job", "report --out DIR/nothing-here", new String[] {"no results file", "run `reproduce` first"}),
                Arguments.of("report --spread before spread", "report --spread DIR/nothing-here",
                        new String[] {"no spread results file", "run `spread` first"}),
                Arguments.of("verify without a reference", "verify --against DIR/no-reference DIR/nothing-here",
                        new String[] {"no reference results in", "reproduce --reference --out"}),
                Arguments.of("verify before the main job", "verify --against DIR/reference-made-here DIR/nothing-here",
                        new String[] {"no results to verify", "run `ntk reproduce` first"}),
                Arguments.of("pretrain with --config and --fast", "pretrain --fast --config DIR/settings.json --out DIR/pre",
                        new String[] {"--config and --fast both choose the settings: pass one of them"}),
                Arguments.of("unknown main-job mode for bench", "bench --main-job sometimes",
                        new String[] {"--main-job must be none, fast, full or both"}),
                Arguments.of("tune --fast without --out", "tune --fast", new String[] {"pass --out FOLDER", "data/tuning/ keeps the real ones"}),
                Arguments.of("unknown part of tune", "tune --parts everything --out DIR/tuned",
                        new String[] {"unknown part of the search 'everything'", "heads, supervised, adapter, expansion, lego"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void isRefusedWithAClearMessage(String row, String commandLine, String[] expected) throws Exception {
        String[] args = commandLine.replace("NET", network.toString()).replace("TEACHER", teacher.toString())
                .replace("DIR", dir.toString()).split(" ");
        byte[] networkBefore = Files.readAllBytes(network);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        String message = err.toString();
        assertNotEquals(0, code, row + ": must fail; printed " + out + message);
        for (String e : expected) {
            assertTrue(message.contains(e), row + ": expected '" + e + "' in: " + message);
        }
        if (message.startsWith("error: ")) { // the command's own refusals: one line, no stack trace
            assertEquals(1, message.strip().lines().count(), row + ": one line expected, got: " + message);
        }
        assertEquals(java.util.Arrays.hashCode(networkBefore), java.util.Arrays.hashCode(Files.readAllBytes(network)),
                row + ": the network file must stay untouched");
    }

    @Test
    void noCommandPrintsTheUsageToStderrAndFails() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[0], new PrintWriter(out, true), new PrintWriter(err, true));
        String message = err.toString();
        assertEquals(2, code, "exit code of a usage error; printed " + out + message);
        assertEquals("", out.toString(), "the usage belongs on stderr");
        assertTrue(message.startsWith("Missing command: name one of reproduce, report, verify, tune, spread, pretrain, transplant, bench, backend"),
                message);
        assertTrue(message.contains("Usage: ntk"), message);
    }

    /** The limits the refusals of too many samples name are the real ones: the largest value draws, one more does not. */
    @Test
    void theLargestSampleCountsNamedAreTheRealOnes() {
        DatasetImages data = FashionMnist.load();
        TaskProtocol p = TaskProtocol.of(Task.CLASSIFICATION, ExperimentConfig.full(), data);
        int k = TransplantCommand.largest(Task.CLASSIFICATION, true, data.train(), FashionMnist.SANDAL);
        assertEquals(2 * 6000 - 1, k, "Fashion-MNIST has 6,000 training images of each category");
        assertEquals(k, p.annotated(FashionMnist.SANDAL, k, 1).size());
        assertThrows(IllegalArgumentException.class, () -> p.annotated(FashionMnist.SANDAL, k + 1, 1));
        int n = TransplantCommand.largest(Task.CLASSIFICATION, false, data.train(), FashionMnist.SANDAL);
        assertEquals(60_000, n);
        assertThrows(IllegalArgumentException.class, () -> p.unlabeled(FashionMnist.SANDAL, n + 1, 1));
        long pixels = 4L * 28 * 28; // a 56×56 scene of Fashion-MNIST items
        int scenes = TransplantCommand.largest(Task.SEGMENTATION, true, data.train(), FashionMnist.SANDAL);
        assertTrue(scenes * pixels <= Integer.MAX_VALUE && (scenes + 1) * pixels > Integer.MAX_VALUE, "scenes in one float[]");
    }
}
