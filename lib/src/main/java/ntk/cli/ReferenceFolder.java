package ntk.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder of reference results for {@code verify} ({@code reproduce --reference}): a whole run's
 * small outputs, meant to be committed, so anything else a run may leave there is removed.
 */
final class ReferenceFolder {
    static final Path FULL = Path.of("reference", "full");
    static final Path FAST = Path.of("reference", "fast");

    private ReferenceFolder() {}

    static Path defaultFor(boolean fast) {
        return fast ? FAST : FULL;
    }

    /**
     * Removes the folders a run of {@code tasks} (with or without the sequential experiment) writes
     * there first, so no file of an earlier run (a figure the new run no longer draws) passes for this
     * one's. Nothing else is touched: the other tasks' folders stay, and a mistyped --out cannot empty
     * an unrelated folder.
     */
    static void clear(Path folder, List<ntk.generic.Task> tasks, boolean sequential) {
        List<Path> written = new java.util.ArrayList<>(tasks.stream().map(t -> folder.resolve(t.id())).toList());
        if (sequential) {
            written.add(folder.resolve("sequential"));
        }
        for (Path dir : written) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> all = Files.walk(dir)) {
                    for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot empty the reference folder " + dir + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Keeps CSV files, PNG figures, run.txt and settings.json; deletes every other file. */
    static List<Path> prune(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            List<Path> removed = all.filter(Files::isRegularFile).filter(p -> !kept(p.getFileName().toString())).toList();
            for (Path p : removed) {
                Files.delete(p);
            }
            return removed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prune the reference folder " + folder + ": " + e.getMessage(), e);
        }
    }

    static boolean kept(String name) {
        return name.endsWith(".csv") || name.endsWith(".png") || name.equals("run.txt") || name.equals(ntk.config.ConfigFiles.RUN_FILE);
    }
}
