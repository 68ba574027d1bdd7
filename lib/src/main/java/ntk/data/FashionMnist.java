package ntk.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017), the data set the kit ships: ten clothing
 * categories of 28×28 greyscale items, 6,000 training and 1,000 test images each, read from the
 * four official IDX files in {@code data/fashion-mnist/} and checked against the SHA-256 sums of
 * their content.
 */
public final class FashionMnist {
    public static final String NAME = "fashion-mnist";

    public static final Category TSHIRT = category("t-shirt", "T-shirt/top", 0);
    public static final Category TROUSER = category("trouser", "Trouser", 1);
    public static final Category PULLOVER = category("pullover", "Pullover", 2);
    public static final Category DRESS = category("dress", "Dress", 3);
    public static final Category COAT = category("coat", "Coat", 4);
    public static final Category SANDAL = category("sandal", "Sandal", 5);
    public static final Category SHIRT = category("shirt", "Shirt", 6);
    public static final Category SNEAKER = category("sneaker", "Sneaker", 7);
    public static final Category BAG = category("bag", "Bag", 8);
    public static final Category ANKLE_BOOT = category("ankle-boot", "Ankle boot", 9);

    /** The ten categories in label order. */
    public static final List<Category> CATEGORIES = List.of(TSHIRT, TROUSER, PULLOVER, DRESS, COAT, SANDAL, SHIRT, SNEAKER, BAG,
            ANKLE_BOOT);

    /** SHA-256 of the unpacked IDX content of each official file. */
    static final Map<String, String> CONTENT_SHA256 = Map.of(
            "train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            "train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            "t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            "t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    private static final String HOW_TO_FIX = "Restore it with `git checkout -- data/fashion-mnist` in the kit's clone,"
            + " or copy the official file of that name (github.com/zalandoresearch/fashion-mnist, data/fashion/;"
            + " Debian package dataset-fashion-mnist) into that folder.";

    /** The data set, read from the folder {@link DataDirectory#fashionMnist()} finds. */
    public static final IdxFolder DATASET = in(null);

    private FashionMnist() {}

    /** Fashion-MNIST read from {@code folder} instead of the kit's data folder ({@code null}: the kit's). */
    public static IdxFolder in(Path folder) {
        return new IdxFolder(NAME, CATEGORIES, new ItemShape(1, 28, 28),
                () -> folder == null ? DataDirectory.fashionMnist() : folder, CONTENT_SHA256, HOW_TO_FIX);
    }

    /** The kit's Fashion-MNIST images; read once per process. */
    public static DatasetImages load() {
        return DATASET.load();
    }

    /** The Fashion-MNIST images in {@code folder}; read once per folder. */
    public static DatasetImages load(Path folder) {
        return in(folder).load();
    }

    private static Category category(String id, String displayName, int label) {
        return new Category(NAME, id, displayName, label);
    }
}
