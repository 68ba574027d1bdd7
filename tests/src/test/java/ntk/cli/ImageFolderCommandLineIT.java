package ntk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ntk.config.ConfigFiles;
import ntk.config.ExperimentConfig;
import ntk.data.DataDirectory;
import ntk.data.ShapePictures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own image folder through the command line, as a user runs it: a data folder (NTK_DATA)
 * holding {@code shapes/} (520 greyscale PNGs of 40×32, drawn by the test) beside the kit's
 * tuning files, a settings file naming {@code "dataset": "shapes"}, then {@code pretrain --config},
 * {@code transplant} of the new category and {@code reproduce --config}, each in a process of its
 * own with very small sizes.
 */
class ImageFolderCommandLineIT {
    private static final int TRAIN_PER_CATEGORY = 100;
    private static final int TEST_PER_CATEGORY = 30;

    private record Result(int code, String output) {}

    @Test
    void aGreyscaleImageFolderRunsThroughPretrainTransplantAndReproduce(@TempDir Path root) throws Exception {
        Path data = root.resolve("data");
        ShapePictures.write(data, "shapes", 1, TRAIN_PER_CATEGORY, TEST_PER_CATEGORY, 7);
        Path tuning = Files.createDirectories(data.resolve("tuning"));
        Files.copy(DataDirectory.root().resolve("tuning").resolve("selected-settings.json"), tuning.resolve("selected-settings.json"));
        Path settings = root.resolve("shapes.json");
        Files.writeString(settings, tinySettings());

        Result pre = run(root, data, "pretrain", "--config", settings.toString(), "--out", "pretrained");
        assertEquals(0, pre.code(), pre.output());
        assertTrue(pre.output().contains("data set shapes"), pre.output());
        assertTrue(pre.output().contains("base categories: [circle, cross, square]"), pre.output());
        assertTrue(Files.isRegularFile(root.resolve("pretrained/teacher-triangle.ntk")), pre.output());

        Result grown = run(root, data, "transplant", "--network", "pretrained/network.ntk", "--teacher", "pretrained/teacher-triangle.ntk",
                "--unlabeled", "100", "--steps", "10", "--out", "grown.ntk");
        assertEquals(0, grown.code(), grown.output());
        assertTrue(grown.output().contains("triangle, classification: balanced_error")
                && grown.output().contains("on " + 4 * TEST_PER_CATEGORY + " test inputs"), grown.output());
        assertTrue(grown.output().contains("(categories: [circle, cross, square, triangle])"), grown.output());

        Result all = run(root, data, "reproduce", "--config", settings.toString(), "--out", "results");
        assertEquals(0, all.code(), all.output());
        List<String> comparison = Files.readAllLines(root.resolve("results/classification/comparison.csv"));
        // the teacher learnt triangles from the pictures: labels read wrong or items mangled would leave it near 0.5
        double teacher = value(comparison, "triangle", "teacher", 0, 0);
        assertTrue(teacher < 0.2, "the triangle teacher's balanced error on the test pictures: " + teacher + "\n" + all.output());
        double back = value(comparison, "triangle", "back-distillation", 0, 100);
        assertTrue(back >= 0 && back <= 1, "a back-distillation row for the new category: " + back);
        assertTrue(Files.isRegularFile(root.resolve("results/segmentation/comparison.csv")), all.output());
        assertTrue(Files.isRegularFile(root.resolve("results/sequential/sequential.csv")), all.output());
        assertTrue(Files.readString(root.resolve("results/classification/settings.json")).contains("\"dataset\" : \"shapes\""),
                "the run's settings name the data set");
    }

    /** The fast preset on the shapes: three base categories, triangle new, sizes a few pictures per category allow, short training. */
    private static String tinySettings() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode s = (ObjectNode) json.readTree(ConfigFiles.toJson(ExperimentConfig.fast()));
        s.put("name", "shapes-test");
        s.put("dataset", "shapes");
        ObjectNode categories = s.putObject("categories");
        categories.set("base", json.valueToTree(List.of("circle", "cross", "square")));
        categories.set("transplanted", json.valueToTree(List.of("triangle")));
        categories.set("pseudoNew", json.valueToTree(List.of("square")));
        ObjectNode runs = (ObjectNode) s.get("runs");
        runs.set("annotationBudgets", json.valueToTree(List.of(10)));
        runs.set("poolSizes", json.valueToTree(List.of(10, 100)));
        runs.put("backWithLabelsPool", 100);
        ObjectNode pretraining = (ObjectNode) s.get("pretraining");
        pretraining.put("teacherPerClass", 50);
        pretraining.put("taskPerClass", 50);
        training(pretraining, "teacherTraining", 60, 32);
        training(pretraining, "taskTraining", 60, 32);
        ObjectNode segmentation = (ObjectNode) s.get("segmentation");
        segmentation.put("teacherScenes", 64);
        segmentation.put("taskScenes", 32);
        segmentation.put("testScenes", 24);
        training(segmentation, "teacherTraining", 30, 16);
        training(segmentation, "taskTraining", 20, 8);
        ObjectNode sequential = (ObjectNode) s.get("sequential");
        sequential.put("pool", 50);
        sequential.put("fineTuneAnnotations", 20);
        sequential.put("classificationTestImages", 120);
        sequential.put("replayPerCategory", 10);
        ObjectNode expansion = (ObjectNode) s.get("expansion");
        expansion.set("pools", json.createArrayNode());
        expansion.set("segmentationPools", json.createArrayNode());
        for (String task : List.of("CLASSIFICATION", "SEGMENTATION")) {
            ObjectNode t = (ObjectNode) s.get("transplant").get(task);
            ((ObjectNode) t.get("training")).put("steps", 10);
            ((ObjectNode) t.get("supervised")).put("steps", 10);
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(s);
    }

    private static void training(ObjectNode parent, String training, int steps, int batchSize) {
        ((ObjectNode) parent.get(training)).put("steps", steps).put("batchSize", batchSize);
    }

    /** The value of comparison.csv's row (task,category,method,annotations,unlabeled,seed,metric,value) for the balanced error. */
    private static double value(List<String> csv, String category, String method, int annotations, int unlabeled) {
        List<String> match = csv.stream().filter(l -> l.startsWith("classification," + category + "," + method + "," + annotations + ","
                + unlabeled + ",") && l.contains(",balanced_error,")).toList();
        assertEquals(1, match.size(), category + " " + method + " " + annotations + "/" + unlabeled + " in " + csv);
        String line = match.get(0);
        return Double.parseDouble(line.substring(line.lastIndexOf(',') + 1));
    }

    private static Result run(Path workDir, Path data, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dntk.noRelaunch=true", "-Xmx1500m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().remove("NTK_FAST");
        pb.environment().put("NTK_DATA", data.toString());
        long start = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        System.out.printf("%s: %.0f s%n", args[0], (System.nanoTime() - start) / 1e9);
        return new Result(code, out);
    }
}
