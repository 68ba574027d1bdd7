package ntk.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import ntk.backend.Environment;

/**
 * Finds the kit's {@code data/} folder: the system property {@code ntk.data}, else the environment
 * variable {@code NTK_DATA}, else the first {@code data/} folder holding {@code fashion-mnist/}
 * in the working directory or one of its parents (so notebooks and tests in sub-folders find it).
 */
public final class DataDirectory {
    private DataDirectory() {}

    public static Path root() {
        String property = System.getProperty("ntk.data");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        Optional<Path> configured = Environment.dataFolder();
        if (configured.isPresent()) {
            return configured.get();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("data").resolve("fashion-mnist"))) {
                return dir.resolve("data");
            }
        }
        throw new DataException("cannot find the kit's data/ folder from " + Path.of("").toAbsolutePath()
                + ". Run from inside the kit's clone, or set NTK_DATA (or -Dntk.data) to its data/ folder.");
    }

    public static Path fashionMnist() {
        return root().resolve("fashion-mnist");
    }
}
