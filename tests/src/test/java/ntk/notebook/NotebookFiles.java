package ntk.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the kit's notebooks are, and their JSON. */
final class NotebookFiles {
    /** Surefire runs in tests/, so the clone's root is its parent. */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path FOLDER = ROOT.resolve("notebooks");

    private NotebookFiles() {}

    static final Path SOLUTIONS = FOLDER.resolve("solutions");
    static final Path EXECUTED = FOLDER.resolve("executed");

    /** notebooks/*.ipynb in name order (so 00-tour runs first), then notebooks/solutions/*.ipynb. */
    static List<Path> all() {
        List<Path> found = new java.util.ArrayList<>(lessons());
        found.addAll(solutions());
        return found;
    }

    /** notebooks/*.ipynb in name order: the course itself. */
    static List<Path> lessons() {
        List<Path> found = list(FOLDER);
        if (found.isEmpty()) {
            throw new IllegalStateException("no notebooks in " + FOLDER);
        }
        return found;
    }

    /** notebooks/solutions/*.ipynb in name order: worked answers to the lessons' exercises. */
    static List<Path> solutions() {
        return Files.isDirectory(SOLUTIONS) ? list(SOLUTIONS) : List.of();
    }

    /**
     * What a lesson's file name, and its solutions' name, start with: its number up to the first
     * hyphen, the hyphen included ("04-" for 04-zero-annotations and its solutions, "04b-" for the
     * optional 04b-twin-checks), so that 04 and 04b do not take each other's solutions.
     */
    static String lessonPrefix(Path notebook) {
        String name = notebook.getFileName().toString();
        int hyphen = name.indexOf('-');
        if (hyphen < 2) {
            throw new IllegalArgumentException(name + ": a notebook's name starts with its lesson number and a hyphen, as 04- or 04b-");
        }
        return name.substring(0, hyphen + 1);
    }

    /** Where the committed executed copy of {@code notebook} lives: notebooks/executed/ plus its path under notebooks/. */
    static Path executedCopy(Path notebook) {
        return EXECUTED.resolve(FOLDER.relativize(notebook.toAbsolutePath()));
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path notebook) {
        try {
            return new ObjectMapper().readTree(notebook.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + notebook, e);
        }
    }

    static Stream<JsonNode> codeCells(JsonNode notebook) {
        return Stream.of(notebook.path("cells")).flatMap(cells -> java.util.stream.StreamSupport.stream(cells.spliterator(), false))
                .filter(c -> "code".equals(c.path("cell_type").asText()));
    }

    /** A cell's source, whether stored as one string or as a list of lines. */
    static String source(JsonNode cell) {
        JsonNode s = cell.path("source");
        if (s.isTextual()) {
            return s.asText();
        }
        StringBuilder b = new StringBuilder();
        s.forEach(line -> b.append(line.asText()));
        return b.toString();
    }
}
