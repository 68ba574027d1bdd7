package ntk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `reproduce --reference` removes: the run's own folders before it, every file but the small outputs after it. */
class ReferenceFolderTest {
    @Test
    void clearingRemovesOnlyTheFoldersARunWrites(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("classification/old"));
        Files.writeString(dir.resolve("classification/old/stale.png"), "x");
        Files.writeString(dir.resolve("sequential.csv.bak"), "not a run's");
        Files.createDirectories(dir.resolve("sequential"));
        ReferenceFolder.clear(dir, List.of(ntk.generic.Task.values()), true);
        assertFalse(Files.exists(dir.resolve("classification")));
        assertFalse(Files.exists(dir.resolve("sequential")));
        assertTrue(Files.exists(dir.resolve("sequential.csv.bak")), "files the run does not write stay");
    }

    @Test
    void pruningKeepsCsvPngRunTxtAndSettings(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("segmentation"));
        for (String name : List.of("comparison.csv", "masks.png", "run.txt", "settings.json", "network.ntk", "notes.json")) {
            Files.writeString(dir.resolve("segmentation").resolve(name), "x");
        }
        List<Path> removed = ReferenceFolder.prune(dir);
        assertEquals(List.of("network.ntk", "notes.json"), removed.stream().map(p -> p.getFileName().toString()).sorted().toList());
        try (var left = Files.list(dir.resolve("segmentation"))) {
            assertEquals(4, left.count());
        }
    }

    @Test
    void aRunOfOneTaskClearsThatTasksFolderOnly(@TempDir Path dir) throws Exception {
        for (String part : List.of("classification", "segmentation", "sequential")) {
            Files.createDirectories(dir.resolve(part));
            Files.writeString(dir.resolve(part).resolve("comparison.csv"), "x");
        }
        ReferenceFolder.clear(dir, List.of(ntk.generic.Task.SEGMENTATION), false);
        assertFalse(Files.exists(dir.resolve("segmentation")));
        assertTrue(Files.exists(dir.resolve("classification/comparison.csv")) && Files.exists(dir.resolve("sequential/comparison.csv")),
                "the main job's folders stay when the segmentation comparison reruns");
    }
}
