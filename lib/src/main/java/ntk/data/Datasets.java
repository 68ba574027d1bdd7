package ntk.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds a data set by the name a settings file or module file gives. Fashion-MNIST is built in;
 * a folder {@code data/<name>/} is found by its name: an IDX folder or an image folder described
 * by its {@code dataset.json} ({@link DatasetFolders}); others are registered by code
 * ({@link #register}), e.g. {@code Datasets.register(ImageFolder.read(path))} for a folder elsewhere.
 */
public final class Datasets {
    private static final Map<String, Dataset> REGISTERED = new LinkedHashMap<>();

    static {
        REGISTERED.put(FashionMnist.NAME, FashionMnist.DATASET);
    }

    private Datasets() {}

    /** The data set called {@code name}. */
    public static synchronized Dataset named(String name) {
        Dataset d = REGISTERED.get(name);
        if (d == null) {
            d = inDataFolder(name);
            REGISTERED.put(name, d);
        }
        return d;
    }

    /** Makes {@code dataset} known by its name; a name already taken by another data set is refused. */
    public static synchronized void register(Dataset dataset) {
        Dataset old = REGISTERED.putIfAbsent(dataset.name(), dataset);
        if (old != null && old != dataset) {
            throw new IllegalArgumentException("a data set named " + dataset.name() + " is already known");
        }
    }

    /** Whether {@code name} is known or names a data set folder. */
    public static synchronized boolean isKnown(String name) {
        try {
            named(name);
            return true;
        } catch (IllegalArgumentException | DataException e) {
            return false;
        }
    }

    private static Dataset inDataFolder(String name) {
        return inFolder(DataDirectory.root(), name);
    }

    /** The data set folder {@code root/name}, described by its dataset.json. */
    static Dataset inFolder(Path root, String name) {
        Path folder = name.matches("[a-z0-9][a-z0-9._-]*") ? root.resolve(name) : null;
        if (folder != null && Files.isRegularFile(folder.resolve(DatasetFolders.FILE))) {
            return DatasetFolders.read(folder);
        }
        if (folder != null && Files.isDirectory(folder)) {
            throw new DataException("the data set folder " + folder + " has no " + DatasetFolders.FILE + ": add one naming the data set"
                    + " and its item shape, e.g. {\"name\": \"" + name + "\", \"format\": \"" + ImageFolder.FORMAT
                    + "\", \"itemShape\": [1, 28, 28]} (docs/extending.md)");
        }
        throw new IllegalArgumentException("unknown data set '" + name + "'; known: " + String.join(", ", REGISTERED.keySet())
                + ", or a folder of " + root + " holding an IDX set or an image folder described by "
                + DatasetFolders.FILE);
    }
}
