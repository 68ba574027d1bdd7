package ntk.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import ntk.generic.Task;
import ntk.io.Json;
import ntk.transplant.AnnotatedViews;
import ntk.transplant.TransplantSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The selection file: it records the plan's commit and the day it was selected and gives them
 * back; a file written before plans, annotated views, the supervised adapter's own shape and a
 * second matching layer still reads, and means what it ran.
 */
class TunedSettingsTest {
    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=t", "-c", "user.email=t@t"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }

    @Test
    void theSelectionRecordsThePlansCommitAndTheDayAndGivesThemBack(@TempDir Path repo) throws Exception {
        git(repo, "init", "-q");
        Path plan = repo.resolve(TunedSettings.PLAN);
        Files.writeString(plan, "the plan\n");
        git(repo, "add", TunedSettings.PLAN);
        git(repo, "commit", "-q", "-m", "plan");
        String head = git(repo, "rev-parse", "HEAD");

        TunedSettings.Plan committed = TunedSettings.Plan.current(plan);
        assertEquals(head, committed.commit());
        assertFalse(committed.modified());
        assertEquals(LocalDate.now().toString(), committed.selectedOn());

        Path file = repo.resolve(TunedSettings.FILE);
        TunedSettings.write(file, TunedSettings.STARTING_POINT, List.of("test"), committed);
        assertEquals(committed, TunedSettings.plan(file).orElseThrow(), "the plan read back");
        assertTrue(TunedSettings.provenance(file).contains(head), TunedSettings.provenance(file));
        assertEquals(TunedSettings.STARTING_POINT, TunedSettings.load(file), "the settings beside the plan");

        Files.writeString(plan, "the plan, edited\n");
        assertTrue(TunedSettings.Plan.current(plan).modified(), "an edit not committed is recorded");
    }

    @Test
    void theNoteListsEachTuneRunOnceAndDropsRunsWhosePartsWereAllRedone(@TempDir Path dir) throws IOException {
        String old = "ntk tune --parts adapter,expansion --seeds 1,2: old";
        String heads = "ntk tune --parts heads,supervised --tasks classification,segmentation --seeds 1,2: a";
        String adapter = "ntk tune --parts adapter,lego --tasks classification,segmentation --seeds 1,2: b";
        String expansion = "ntk tune --parts expansion --tasks classification,segmentation --seeds 1,2: c";
        List<String> afterAdapter = TunedSettings.withRun(adapter, List.of(heads, old));
        assertEquals(List.of(adapter, heads, old), afterAdapter, "the old run's expansion part is still in use");
        assertEquals(List.of(adapter, heads, old), TunedSettings.withRun(adapter, afterAdapter), "a part run twice in one tune run is listed once");
        assertEquals(List.of(expansion, adapter, heads), TunedSettings.withRun(expansion, afterAdapter));
        assertEquals(List.of("ntk tune --parts expansion --tasks segmentation: d", expansion),
                TunedSettings.withRun("ntk tune --parts expansion --tasks segmentation: d", List.of(expansion)),
                "classification's expansion still comes from the earlier run");

        Path file = dir.resolve(TunedSettings.FILE);
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("selectedBy", adapter + "; the other settings from the selection of: " + adapter
                + "; the other settings from the selection of: " + heads);
        Files.writeString(file, Json.MAPPER.writeValueAsString(root));
        assertEquals(List.of(adapter, heads), TunedSettings.selectedByRuns(file), "a note written as one nested line reads as its runs");
        TunedSettings.write(file, TunedSettings.STARTING_POINT, List.of(expansion, adapter), null);
        assertEquals(List.of(expansion, adapter), TunedSettings.selectedByRuns(file));
    }

    @Test
    void aSelectionWithoutAPlanSaysSo(@TempDir Path dir) {
        Path file = dir.resolve(TunedSettings.FILE);
        TunedSettings.write(file, TunedSettings.STARTING_POINT, "test");
        assertTrue(TunedSettings.plan(file).isEmpty());
        assertTrue(TunedSettings.provenance(file).contains("no plan"), TunedSettings.provenance(file));
    }

    @Test
    void aSelectionWrittenBeforeTheNewSettingsReadsAsItRan(@TempDir Path dir) throws IOException {
        TransplantSettings s = TunedSettings.STARTING_POINT.get(Task.CLASSIFICATION).withAdapter(3, 2);
        ObjectNode old = (ObjectNode) Json.MAPPER.valueToTree(s);
        for (String key : List.of("annotatedViews", "supervisedAdapterKernel", "supervisedAdapterDepth", "backwardLayers", "expansion")) {
            old.remove(key);
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("selectedBy", "an earlier tune");
        root.set("classification", old);
        root.set("segmentation", Json.MAPPER.valueToTree(TunedSettings.STARTING_POINT.get(Task.SEGMENTATION)));
        Path file = dir.resolve(TunedSettings.FILE);
        Files.writeString(file, Json.MAPPER.writeValueAsString(root));

        TransplantSettings read = TunedSettings.load(file).get(Task.CLASSIFICATION);
        assertEquals(3, read.supervisedAdapterKernel(), "the supervised adapter had distillation's shape");
        assertEquals(2, read.supervisedAdapterDepth());
        assertEquals(AnnotatedViews.Settings.none(), read.annotatedViews(), "no labelled views");
        assertEquals(1, read.backwardLayers(), "matched at f_c's output only");
        assertEquals(s.withSupervisedAdapter(3, 2), read, "everything else as written");
    }
}
