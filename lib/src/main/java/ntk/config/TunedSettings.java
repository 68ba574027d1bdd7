package ntk.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ntk.data.DataDirectory;
import ntk.data.DataException;
import ntk.generic.Task;
import ntk.io.AtomicFiles;
import ntk.io.Json;
import ntk.train.Trainer;
import ntk.transplant.BackDistillation;
import ntk.transplant.ExpansionSettings;
import ntk.transplant.TransplantSettings;

/**
 * The transplant settings {@code ntk tune} selected on pseudo-new base categories, one entry per
 * task, kept in the repository as {@code data/tuning/selected-settings.json} and read by every
 * run of the main job, the notebooks and the command line. {@link #STARTING_POINT} holds the
 * values the search starts from (the kit's settings before the protocol existed).
 */
public final class TunedSettings {
    public static final String FILE = "selected-settings.json";
    /** The key of the settings selected outside the transplant settings ({@link #experiment}). */
    public static final String EXPERIMENT = "experiment";
    /** The selection plan beside it, fixed before the search it describes ran. */
    public static final String PLAN = "plan.md";

    /** Where {@code tune} starts its search: the settings in use before it existed. */
    public static final Map<Task, TransplantSettings> STARTING_POINT = Map.of(
            Task.CLASSIFICATION, new TransplantSettings(TransplantSettings.Target.LOGITS, 1.0,
                    new BackDistillation.LambdaRule(100, 1), 1, false, 1, 2,
                    new Trainer.Settings(300, 1e-2, 64), new Trainer.Settings(300, 1e-2, 64), ExpansionSettings.none()),
            Task.SEGMENTATION, new TransplantSettings(TransplantSettings.Target.LOGITS, 1.0,
                    new BackDistillation.LambdaRule(100, 1), 1, false, 1, 2,
                    new Trainer.Settings(150, 1e-2, 16), new Trainer.Settings(150, 1e-2, 16), ExpansionSettings.none()));

    private static final ObjectMapper JSON = Json.MAPPER;

    private TunedSettings() {}

    /** The committed selection: {@code data/tuning/selected-settings.json}. */
    public static Path defaultFile() {
        return DataDirectory.root().resolve("tuning").resolve(FILE);
    }

    public static Map<Task, TransplantSettings> load() {
        return load(defaultFile());
    }

    public static Map<Task, TransplantSettings> load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataException("missing settings file " + file + ": restore it with `git checkout -- data/tuning`,"
                    + " or select settings anew with `java -jar lib/target/ntk.jar tune`");
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            Map<Task, TransplantSettings> out = new EnumMap<>(Task.class);
            for (Task t : Task.values()) {
                JsonNode node = root.get(t.id()); // "selectedBy", "plan" and "experiment" are read apart
                if (node == null) {
                    throw new DataException("settings file " + file + " has no entry for the " + t + " task");
                }
                if (node instanceof ObjectNode o) {
                    LaterKeys.completeTransplant(o);
                }
                out.put(t, JSON.treeToValue(node, TransplantSettings.class));
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new DataException("settings file " + file + " is not valid: " + e.getOriginalMessage()
                    + ". Restore it with `git checkout -- data/tuning`", e);
        } catch (IOException e) {
            throw new DataException("cannot read settings file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The plan a selection was run from ({@code data/tuning/plan.md}): the commit that last changed
     * it and that commit's date, whether the file had changes not committed, and the day of the run.
     */
    public record Plan(String commit, String committed, boolean modified, String selectedOn) {
        /** For reading and printing: "plan abc1234 (committed 2025-01-31), selected on 2025-02-01". */
        public String describe() {
            return "the plan of commit " + commit + " (" + committed + (modified ? ", with changes not committed" : "") + "), selected on "
                    + selectedOn;
        }

        /** The plan in {@code planFile} as git knows it now, selected today; "unknown" where git or the file's history is missing. */
        public static Plan current(Path planFile) {
            Path dir = planFile.toAbsolutePath().getParent();
            String name = planFile.getFileName().toString();
            String[] last = git(dir, "log", "-1", "--format=%H %cs", "--", name).split(" ");
            String status = git(dir, "status", "--porcelain", "--", name);
            boolean known = last.length == 2;
            return new Plan(known ? last[0] : "unknown", known ? last[1] : "unknown", !status.isEmpty(), java.time.LocalDate.now().toString());
        }

        private static String git(Path dir, String... args) {
            List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
            command.addAll(List.of(args));
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
                return p.waitFor() == 0 ? out : "";
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }
    }

    /** The plan {@code file}'s settings were selected from; empty for a selection made before plans were recorded. */
    public static java.util.Optional<Plan> plan(Path file) {
        try {
            JsonNode plan = JSON.readTree(file.toFile()).get("plan");
            return plan == null ? java.util.Optional.empty() : java.util.Optional.of(JSON.treeToValue(plan, Plan.class));
        } catch (IOException e) {
            throw new DataException("cannot read settings file " + file + ": " + e.getMessage(), e);
        }
    }

    /** One line on where {@code file}'s selection came from: its plan and day, or that it has none. */
    public static String provenance(Path file) {
        return plan(file).map(p -> "selected by tune from " + p.describe())
                .orElse("selected before selection plans were recorded (no plan in the file)");
    }

    /**
     * The settings {@code tune} selected outside the transplant settings, as a partial settings file
     * under the key {@value #EXPERIMENT}: {@code runs.scratchTraining}, {@code segmentation.headKernel}
     * and {@code sequential}'s {@code fineTuneRateScale}, {@code replayPerCategory} and
     * {@code lwfWeight}; empty where the file has none (or there is no file).
     */
    public static ObjectNode experiment(Path file) {
        if (!Files.isRegularFile(file)) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode e = JSON.readTree(file.toFile()).get(EXPERIMENT);
            if (e == null) {
                return JSON.createObjectNode();
            }
            if (!(e instanceof ObjectNode o)) {
                throw new DataException("settings file " + file + ": \"" + EXPERIMENT + "\" must be an object of settings");
            }
            for (var section : o.properties()) {
                List<String> known = EXPERIMENT_KEYS.get(section.getKey());
                if (known == null || !(section.getValue() instanceof ObjectNode keys)) {
                    throw new DataException("settings file " + file + ": unknown section " + EXPERIMENT + "." + section.getKey() + "; known: "
                            + EXPERIMENT_KEYS.keySet());
                }
                for (var k : keys.properties()) {
                    if (!known.contains(k.getKey())) {
                        throw new DataException("settings file " + file + ": " + EXPERIMENT + "." + section.getKey() + "." + k.getKey()
                                + " is not a setting tune selects; known: " + known);
                    }
                }
            }
            return o.deepCopy();
        } catch (IOException e) {
            throw new DataException("cannot read settings file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The sections and keys of {@link #experiment}. */
    private static final Map<String, List<String>> EXPERIMENT_KEYS = Map.of(
            "runs", List.of("scratchTraining"),
            "segmentation", List.of("headKernel"),
            "sequential", List.of("fineTuneRateScale", "replayPerCategory", "lwfWeight"));

    /**
     * {@code experiment}'s values written over the grouped settings {@code config} (sections it lacks
     * are left out), the scratch baseline's steps scaled by {@code scale} as the adapters' are.
     */
    static void applyExperiment(ObjectNode config, ObjectNode experiment, double scale) {
        for (var section : experiment.properties()) {
            if (config.get(section.getKey()) instanceof ObjectNode target) {
                section.getValue().properties().forEach(e -> target.set(e.getKey(), e.getValue().deepCopy()));
            }
        }
        if (experiment.has("runs") && config.get("runs") instanceof ObjectNode runs && runs.get("scratchTraining") instanceof ObjectNode t) {
            t.put("steps", scaledSteps(t.get("steps").asInt(), scale));
        }
    }

    /** Joins the runs of a note, newest first; a note written before the runs were listed was joined this way too. */
    private static final String EARLIER = "; the other settings from the selection of: ";

    /** The note in {@code file} on how its settings were selected: the tune runs it comes from, newest first. */
    public static String selectedBy(Path file) {
        List<String> runs = selectedByRuns(file);
        return runs.isEmpty() ? "(no note)" : String.join(EARLIER, runs);
    }

    /** The tune runs {@code file}'s settings come from, newest first, each once; empty without a file or a note. */
    public static List<String> selectedByRuns(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            JsonNode note = JSON.readTree(file.toFile()).get("selectedBy");
            List<String> runs = new ArrayList<>();
            if (note != null && note.isArray()) {
                note.forEach(n -> runs.add(n.asText()));
            } else if (note != null) {
                runs.addAll(List.of(note.asText().split(Pattern.quote(EARLIER))));
            }
            return runs.stream().distinct().toList();
        } catch (IOException e) {
            throw new DataException("cannot read settings file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The note after a tune run: {@code run} first, then the earlier runs it did not redo. An earlier
     * run is dropped once newer runs searched all of its parts for all of its tasks (a run that names
     * no tasks searched them all).
     */
    public static List<String> withRun(String run, List<String> earlier) {
        List<String> runs = new ArrayList<>(List.of(run));
        Set<String> covered = new HashSet<>(searched(run));
        for (String e : earlier) {
            Set<String> its = searched(e);
            if (!its.isEmpty() && covered.containsAll(its) || runs.contains(e)) {
                continue;
            }
            runs.add(e);
            covered.addAll(its);
        }
        return runs;
    }

    /** "part/task" pairs a run's description names ({@code --parts a,b --tasks c}); empty when it names no parts. */
    private static Set<String> searched(String run) {
        Matcher parts = Pattern.compile("--parts (\\S+)").matcher(run);
        if (!parts.find()) {
            return Set.of();
        }
        Matcher tasks = Pattern.compile("--tasks (\\S+)").matcher(run);
        List<String> named = tasks.find() ? List.of(tasks.group(1).split(","))
                : Arrays.stream(Task.values()).map(Task::id).toList();
        Set<String> pairs = new HashSet<>();
        for (String p : parts.group(1).split(",")) {
            named.forEach(t -> pairs.add(p + "/" + t));
        }
        return pairs;
    }

    /** Writes {@code settings} with a note on how they were selected, atomically (no plan: for tests and made-up selections). */
    public static void write(Path file, Map<Task, TransplantSettings> settings, String selectedBy) {
        write(file, settings, List.of(selectedBy), null);
    }

    /** Writes {@code settings} with a note on how they were selected and the plan they were selected from, atomically. */
    public static void write(Path file, Map<Task, TransplantSettings> settings, List<String> selectedBy, Plan plan) {
        write(file, settings, selectedBy, plan, JSON.createObjectNode());
    }

    /** The same, with the settings selected outside the transplant settings ({@link #experiment}; left out when empty). */
    public static void write(Path file, Map<Task, TransplantSettings> settings, List<String> selectedBy, Plan plan, ObjectNode experiment) {
        ObjectNode root = JSON.createObjectNode();
        selectedBy.forEach(root.putArray("selectedBy")::add);
        if (plan != null) {
            root.set("plan", JSON.valueToTree(plan));
        }
        if (!experiment.isEmpty()) {
            root.set(EXPERIMENT, experiment);
        }
        settings.forEach((t, s) -> root.set(t.id(), JSON.valueToTree(s)));
        try {
            AtomicFiles.writeString(file, JSON.writeValueAsString(root) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode settings as JSON", e);
        }
    }

    private static int scaledSteps(int steps, double scale) {
        return Math.max(1, (int) Math.round(steps * scale));
    }

    /** {@code selected} with every adapter's and synthesis' steps scaled by {@code scale} (at least one step). */
    public static Map<Task, TransplantSettings> scaled(Map<Task, TransplantSettings> selected, double scale) {
        Map<Task, TransplantSettings> out = new EnumMap<>(Task.class);
        selected.forEach((task, s) -> out.put(task, s
                .withTraining(s.training().withSteps(scaledSteps(s.training().steps(), scale)))
                .withSupervised(s.supervised().withSteps(scaledSteps(s.supervised().steps(), scale)))
                .withExpansion(s.expansion().withSynthesis(s.expansion().synthesis()
                        .withSteps(scaledSteps(s.expansion().synthesis().steps(), scale))))));
        return out;
    }
}
