package ntk.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ntk.config.ConfigFiles;
import ntk.config.ExperimentConfig;
import ntk.data.Category;
import ntk.generic.Task;
import ntk.protocol.Condition;
import ntk.protocol.SegmentationProtocol;
import ntk.protocol.TaskProtocol;
import ntk.transplant.TransplantMethods;
import tech.tablesaw.api.Table;

/**
 * The result tables of the README and of docs/results.md, written from a reference run's files so
 * prose and data cannot drift: each table sits between {@code <!-- table NAME -->} and
 * {@code <!-- end table -->}, and {@link #update} rewrites every such block of a document from the
 * reference folder ({@code ntk report --readme README.md docs/results.md --out reference/full}).
 * Tables: {@code <task>} (mean ± std over seeds of the mean over the new categories, every
 * condition), {@code <task>-per-category} (one column per new category), {@code lego} (the LEGO
 * experiment after its last step), and the paired evidence against the supervised baseline
 * ({@link PairedTables}): {@code paired} (both tasks, one row per zero-annotation condition),
 * {@code <task>-paired} (per category), {@code <task>-per-seed} (every category and seed) and
 * {@code spread-paired} (per pre-training draw, from the {@code spread} folder beside the
 * reference folder: reference/spread beside reference/full). A
 * block named {@code FOLDER/TABLE} takes TABLE from the run in the folder beside the reference
 * ({@code mnist/paired}: reference/mnist's paired evidence).
 */
public final class ReadmeTables {
    private static final Pattern BLOCK = Pattern.compile("(<!-- table ((?:[a-z0-9-]+/)?[a-z0-9-]+) -->\\n)(.*?)(<!-- end table -->)", Pattern.DOTALL);

    /** The order conditions are listed in: the untrained adapter first, the teachers last. */
    private static final List<String> METHOD_ORDER = List.of(Condition.UNTRAINED, TransplantMethods.SUPERVISED, Condition.SCRATCH,
            TransplantMethods.FORWARD, TransplantMethods.BACK, TransplantMethods.BACK_VIEWS, TransplantMethods.BACK_VIEWS_SYNTHESIS, Condition.TEACHER);

    private static final Map<String, String> NAMES = Map.of(
            Condition.UNTRAINED, "untrained (identity) adapter",
            TransplantMethods.SUPERVISED, "supervised adapter",
            Condition.SCRATCH, "whole network from scratch",
            TransplantMethods.FORWARD, "forward distillation",
            TransplantMethods.BACK, "back-distillation",
            TransplantMethods.BACK_VIEWS, "back-distillation on views",
            TransplantMethods.BACK_VIEWS_SYNTHESIS, "back-distillation on views + synthesised inputs",
            Condition.TEACHER, "teachers (the upper bound)");

    private ReadmeTables() {}

    /** {@code readme} with every table block rewritten from {@code reference} (e.g. reference/full). */
    public static String update(String readme, Path reference) {
        Matcher m = BLOCK.matcher(readme);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + render(m.group(2), reference) + m.group(4)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The names of the blocks in {@code readme} whose text differs from what {@code reference} gives. */
    public static List<String> stale(String readme, Path reference) {
        List<String> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            if (!m.group(3).equals(render(m.group(2), reference))) {
                out.add(m.group(2));
            }
        }
        return out;
    }

    /** The names of the table blocks in {@code readme}, in order. */
    public static List<String> names(String readme) {
        List<String> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            out.add(m.group(2));
        }
        return out;
    }

    /**
     * One table as markdown (ending with a newline). A name {@code FOLDER/TABLE} is TABLE of the run
     * in the folder beside {@code reference} (e.g. {@code mnist/classification} is reference/mnist's
     * classification table when the reference is reference/full), so one document can show two data
     * sets' runs.
     */
    public static String render(String name, Path reference) {
        int slash = name.indexOf('/');
        if (slash >= 0) {
            return render(name.substring(slash + 1), reference.toAbsolutePath().normalize().resolveSibling(name.substring(0, slash)));
        }
        if (name.equals("lego")) {
            return lego(reference);
        }
        if (name.equals("paired")) {
            Map<Task, List<PairedEvidence.Comparison>> byTask = new LinkedHashMap<>();
            Map<Task, List<Condition>> repeated = new LinkedHashMap<>();
            for (Task task : tasksRun(reference)) {
                Table all = runs(task, reference, name);
                byTask.put(task, PairedEvidence.of(RepeatedRuns.withoutRepeats(all), TaskProtocol.metricOf(task)));
                repeated.put(task, RepeatedRuns.repeated(all));
            }
            return PairedTables.compact(byTask, repeated);
        }
        if (name.equals("spread-paired")) {
            return spreadPaired(reference);
        }
        if (name.endsWith("-per-seed")) {
            Task task = task(name, name.substring(0, name.length() - "-per-seed".length()));
            return PairedTables.perSeed(PairedEvidence.of(RepeatedRuns.withoutRepeats(runs(task, reference, name)), TaskProtocol.metricOf(task)));
        }
        if (name.endsWith("-paired")) {
            Task task = task(name, name.substring(0, name.length() - "-paired".length()));
            return PairedTables.perCategory(PairedEvidence.of(RepeatedRuns.withoutRepeats(runs(task, reference, name)), TaskProtocol.metricOf(task)));
        }
        boolean perCategory = name.endsWith("-per-category");
        Task task = task(name, perCategory ? name.substring(0, name.length() - "-per-category".length()) : name);
        Table all = runs(task, reference, name);
        Table runs = RepeatedRuns.withoutRepeats(all);
        boolean backIsForward = !RepeatedRuns.repeated(all).isEmpty();
        ExperimentConfig config = ConfigFiles.read(reference.resolve(task.id()).resolve(ConfigFiles.RUN_FILE));
        return perCategory ? perCategory(task, config, runs, backIsForward) : averaged(task, config, runs, backIsForward);
    }

    private static Task task(String table, String id) {
        try {
            return Task.parse(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown README table '" + table + "'; known: lego, paired, spread-paired, and <task>,"
                    + " <task>-per-category, <task>-paired and <task>-per-seed for " + java.util.Arrays.toString(Task.values()), e);
        }
    }

    /** The tasks {@code reference} holds a comparison of; every task when it holds none, so that the first missing one is named. */
    private static List<Task> tasksRun(Path reference) {
        List<Task> run = java.util.Arrays.stream(Task.values()).filter(t -> Files.isRegularFile(reference.resolve(t.id()).resolve("comparison.csv"))).toList();
        return run.isEmpty() ? List.of(Task.values()) : run;
    }

    /** The reference run's comparison.csv of {@code task}, or a message naming the command that writes it. */
    private static Table runs(Task task, Path reference, String table) {
        Path csv = reference.resolve(task.id()).resolve("comparison.csv");
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("no " + csv + " for the README's table '" + table + "': write the reference with"
                    + " `java -jar lib/target/ntk.jar reproduce --reference`");
        }
        return ComparisonReport.readRuns(csv);
    }

    /** The paired evidence over pre-training draws, from the spread folder beside the reference run (reference/spread). */
    private static String spreadPaired(Path reference) {
        Path spread = reference.toAbsolutePath().normalize().resolveSibling("spread");
        Map<Task, List<PairedEvidence.OverDraws>> byTask = new LinkedHashMap<>();
        for (Task task : Task.values()) {
            Path csv = spread.resolve(task.id() + ".csv");
            if (!Files.isRegularFile(csv)) {
                throw new IllegalArgumentException("no " + csv + " for the README's table 'spread-paired': write it with"
                        + " `java -jar lib/target/ntk.jar spread --out " + spread.getParent() + "`");
            }
            byTask.put(task, PairedEvidence.overDraws(RepeatedRuns.withoutRepeats(spreadRuns(csv)), TaskProtocol.metricOf(task)));
        }
        return PairedTables.overDraws(byTask);
    }

    /** A spread file's rows with its pre-training draw in the seed column, as {@link PairedEvidence#overDraws} reads them. */
    public static Table spreadRuns(Path csv) {
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("no spread results file " + csv + "; run `spread` first (or name the folder it wrote)");
        }
        Table runs = ComparisonReport.readRuns(csv);
        runs.column(5).setName("seed"); // the file calls it pretrain_seed
        return runs;
    }

    /** The LEGO experiment after its last step: per task and approach, the average score, forgetting and backward transfer. */
    private static String lego(Path reference) {
        Path csv = reference.resolve("sequential").resolve("sequential_summary.csv");
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("no " + csv + " for the README's table 'lego': write the reference with"
                    + " `java -jar lib/target/ntk.jar reproduce --reference`");
        }
        Table t = Table.read().csv(csv.toFile());
        int last = (int) t.intColumn("step").max();
        Table end = t.where(t.intColumn("step").isEqualTo(last));
        StringBuilder b = new StringBuilder("| task (metric) | approach | average over all " + "categories after step " + last
                + " | forgetting (+ = worse) | backward transfer (+ = better) |\n|---|---|---:|---:|---:|\n");
        for (int i = 0; i < end.rowCount(); i++) {
            b.append(String.format(Locale.ROOT, "| %s (%s) | %s | %.4f | %.4f | %.4f |\n", end.stringColumn("task").get(i),
                    end.stringColumn("metric").get(i).replace('_', ' '), end.stringColumn("approach").get(i),
                    end.doubleColumn("average").get(i), end.doubleColumn("forgetting_pos_worse").get(i), end.doubleColumn("bwt_pos_better").get(i)));
        }
        return b.toString();
    }

    private static String averaged(Task task, ExperimentConfig config, Table runs, boolean backIsForward) {
        List<String> newIds = config.categories().transplanted().stream().map(Category::id).toList();
        String metric = TaskProtocol.metricOf(task);
        Table avg = Results.averaged(runs, metric, newIds);
        Map<List<Object>, String> pixel = new LinkedHashMap<>();
        if (task == Task.SEGMENTATION) {
            Table acc = Results.averaged(runs, SegmentationProtocol.PIXEL_ACCURACY, newIds);
            for (int i = 0; i < acc.rowCount(); i++) {
                pixel.put(key(acc, i), String.format(Locale.ROOT, "%.3f", acc.doubleColumn("mean").get(i)));
            }
        }
        int seeds = config.runs().seeds().size();
        StringBuilder b = new StringBuilder("| method | annotations | real unlabeled images | " + metric.replace('_', ' ')
                + " (mean ± std over " + seeds + (seeds == 1 ? " seed" : " seeds") + ") |" + (task == Task.SEGMENTATION ? " pixel accuracy |" : "") + "\n");
        b.append("|---|---:|---:|---|").append(task == Task.SEGMENTATION ? "---|" : "").append('\n');
        for (int i : ordered(avg)) {
            String method = avg.stringColumn("method").get(i);
            int annotations = avg.intColumn("annotations").get(i);
            int unlabeled = avg.intColumn("unlabeled").get(i);
            boolean teacher = method.equals(Condition.TEACHER);
            String name = backIsForward && method.equals(TransplantMethods.FORWARD) ? RepeatedRuns.FORWARD_ALSO_BACK : NAMES.getOrDefault(method, method);
            if (method.equals(TransplantMethods.BACK) && annotations > 0) {
                name = "back-distillation + labels";
            }
            boolean baseline = method.equals(TransplantMethods.SUPERVISED) && annotations == config.runs().maxAnnotations();
            String value = teacher ? String.format(Locale.ROOT, "%.3f", avg.doubleColumn("mean").get(i)) : avg.stringColumn(Results.SHOWN).get(i);
            if (baseline) {
                name = "**" + name + " (the " + annotations + "-sample baseline)**";
                value = "**" + value + "**";
            }
            b.append("| ").append(name).append(" | ").append(teacher ? "—" : annotations).append(" | ").append(teacher ? "—" : unlabeled)
                    .append(" | ").append(value).append(" |");
            if (task == Task.SEGMENTATION) {
                b.append(' ').append(pixel.getOrDefault(key(avg, i), "")).append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String perCategory(Task task, ExperimentConfig config, Table runs, boolean backIsForward) {
        Table per = Results.perCategory(runs, TaskProtocol.metricOf(task));
        List<Category> categories = config.categories().transplanted().stream().sorted().toList();
        StringBuilder b = new StringBuilder("| condition |");
        categories.forEach(c -> b.append(' ').append(c.id()).append(" |"));
        b.append("\n|---|").append("---|".repeat(categories.size())).append('\n');
        Table rows = per.where(per.stringColumn("category").isEqualTo(categories.get(0).id()));
        for (int i : ordered(rows)) {
            String method = rows.stringColumn("method").get(i);
            int annotations = rows.intColumn("annotations").get(i);
            int unlabeled = rows.intColumn("unlabeled").get(i);
            if (method.equals(Condition.UNTRAINED)) {
                continue; // near chance for every category; the averaged table has it
            }
            String label = condition(method, annotations, unlabeled);
            b.append("| ").append(backIsForward && method.equals(TransplantMethods.FORWARD) ? label.replaceFirst("^forward", "forward (= back, λ = 0)")
                    : label).append(" |");
            for (Category c : categories) {
                Table cell = per.where(per.stringColumn("category").isEqualTo(c.id()).and(per.stringColumn("method").isEqualTo(method))
                        .and(per.intColumn("annotations").isEqualTo(annotations)).and(per.intColumn("unlabeled").isEqualTo(unlabeled)));
                String v = cell.rowCount() != 1 ? "" : method.equals(Condition.TEACHER)
                        ? String.format(Locale.ROOT, "%.3f", cell.doubleColumn("mean").get(0)) : cell.stringColumn(Results.SHOWN).get(0);
                b.append(' ').append(v).append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** A short condition label: "teacher", "supervised, 100 labels", "back, 10 unlabeled", "back + 20 labels, 100 unlabeled". */
    static String condition(String method, int annotations, int unlabeled) {
        if (method.equals(Condition.TEACHER)) {
            return "teacher";
        }
        String name = NAMES.getOrDefault(method, method).replace(" adapter", "").replace("whole network from scratch", "scratch")
                .replace("back-distillation", "back").replace("forward distillation", "forward");
        List<String> parts = new ArrayList<>();
        if (annotations > 0) {
            parts.add(annotations + " labels");
        }
        if (unlabeled > 0 || method.equals(TransplantMethods.BACK_VIEWS_SYNTHESIS)) {
            parts.add(unlabeled + (method.equals(TransplantMethods.BACK_VIEWS) || method.equals(TransplantMethods.BACK_VIEWS_SYNTHESIS) ? " real" : "")
                    + " unlabeled");
        }
        return name + (parts.isEmpty() ? "" : ", " + String.join(", ", parts));
    }

    /** Row indices in the kit's order: by method (see METHOD_ORDER; back-distillation with labels after the rest), budget, pool. */
    private static List<Integer> ordered(Table t) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            if (!t.stringColumn("method").get(i).equals(Condition.GENERIC)) {
                idx.add(i);
            }
        }
        idx.sort(Comparator.<Integer>comparingInt(i -> rank(t.stringColumn("method").get(i), t.intColumn("annotations").get(i)))
                .thenComparingInt(i -> t.intColumn("annotations").get(i)).thenComparingInt(i -> t.intColumn("unlabeled").get(i)));
        return idx;
    }

    private static int rank(String method, int annotations) {
        int r = METHOD_ORDER.indexOf(method);
        if (method.equals(TransplantMethods.BACK) && annotations > 0) {
            return METHOD_ORDER.indexOf(TransplantMethods.BACK_VIEWS_SYNTHESIS) * 2 + 1; // after the zero-annotation methods
        }
        return r < 0 ? 100 : r * 2;
    }

    private static List<Object> key(Table t, int i) {
        return List.of(t.stringColumn("method").get(i), t.intColumn("annotations").get(i), t.intColumn("unlabeled").get(i));
    }
}
