package ntk.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A data set of pictures sorted into folders: {@code train/<category>/} and {@code test/<category>/}
 * of PNG or JPEG images of any size, described by a {@code dataset.json} with
 * {@code "format": "image-folder"} ({@link ImageFolderManifest}). Each picture becomes one item of
 * the declared shape by {@link ItemPixels}' rule (fit inside, centred on black, area-averaged;
 * BT.601 grey for 1-channel items). Items are in category (label) order, each category's files
 * sorted by name. Read with {@code javax.imageio} only; decoded once per process and folder
 * content.
 */
public final class ImageFolder implements Dataset {
    public static final String FORMAT = "image-folder";

    private record Loaded(List<Object> key, DatasetImages images) {}

    /** One entry per folder, replaced when its files or description change. */
    private static final Map<Path, Loaded> LOADED = new ConcurrentHashMap<>();

    private final String name;
    private final List<Category> categories;
    private final ItemShape shape;
    private final Path folder;

    ImageFolder(String name, List<Category> categories, ItemShape shape, Path folder) {
        this.name = name;
        this.categories = Dataset.checkedCategories(name, categories);
        this.shape = shape;
        this.folder = folder;
    }

    /** The image folder {@code folder}, as its {@code dataset.json} describes it; register it with {@link Datasets#register}. */
    public static ImageFolder read(Path folder) {
        return ImageFolderManifest.read(folder);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Category> categories() {
        return categories;
    }

    @Override
    public ItemShape itemShape() {
        return shape;
    }

    public Path folder() {
        return folder;
    }

    /** Lists the files (cheap) and decodes them unless this folder's files were decoded before, unchanged. */
    @Override
    public DatasetImages load() {
        Path dir = folder.toAbsolutePath().normalize();
        ImageFiles train = ImageFiles.list(dir.resolve(ImageFolderManifest.TRAIN), categories);
        ImageFiles test = ImageFiles.list(dir.resolve(ImageFolderManifest.TEST), categories);
        List<Object> key = List.of(name, shape, categories, train.fingerprint(), test.fingerprint());
        return LOADED.compute(dir, (d, old) -> old != null && old.key().equals(key) ? old
                : new Loaded(key, new DatasetImages(this, train.read(shape), test.read(shape)))).images();
    }

    @Override
    public String toString() {
        return "image folder " + name + " (" + folder + ", " + shape + " items, categories " + known() + ")";
    }
}
