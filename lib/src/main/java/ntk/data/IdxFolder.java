package ntk.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.deeplearning4j.datasets.mnist.MnistImageFile;
import org.deeplearning4j.datasets.mnist.MnistLabelFile;

/**
 * A data set in MNIST's layout: a folder with the four IDX files {@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte},
 * each plain or gzipped ({@code .gz}). Greyscale only: IDX images have no channel axis.
 *
 * <p>A gzipped file is unpacked once into {@code unpacked/} beside it (written atomically). When
 * the data set names SHA-256 sums, they are sums of the unpacked IDX bytes — a copy compressed with
 * a different gzip header still passes, a damaged one does not — and every file is checked
 * against its sum. DL4J's IDX readers then read the unpacked files.
 */
public final class IdxFolder implements Dataset {
    /** The four files, training images first. */
    public static final List<String> FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
            "t10k-labels-idx1-ubyte");

    private static final Map<List<Object>, DatasetImages> LOADED = new ConcurrentHashMap<>();

    private final String name;
    private final List<Category> categories;
    private final ItemShape shape;
    private final Supplier<Path> folder;
    private final Map<String, String> contentSha256;
    private final String howToFix;

    /**
     * @param folder where the files are, asked for only when the images are loaded
     * @param contentSha256 the SHA-256 of each file's unpacked content, by file name; empty to check nothing
     * @param howToFix what a user should do when a file is missing or damaged, appended to the error
     */
    public IdxFolder(String name, List<Category> categories, ItemShape shape, Supplier<Path> folder, Map<String, String> contentSha256,
            String howToFix) {
        if (shape.channels() != 1) {
            throw new IllegalArgumentException("IDX data set " + name + ": IDX images are greyscale, so items have 1 channel, not "
                    + shape.channels());
        }
        for (String file : contentSha256.keySet()) {
            if (!FILES.contains(file)) {
                throw new IllegalArgumentException("IDX data set " + name + " gives a checksum for " + file + ", which is none of " + FILES);
            }
        }
        this.name = name;
        this.categories = Dataset.checkedCategories(name, categories);
        this.shape = shape;
        this.folder = folder;
        this.contentSha256 = Map.copyOf(contentSha256);
        this.howToFix = howToFix;
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

    /** The folder the files are read from. */
    public Path folder() {
        return folder.get();
    }

    /** Reads the four files on first use; cached per folder and description. */
    @Override
    public DatasetImages load() {
        Path dir = folder().toAbsolutePath().normalize();
        return LOADED.computeIfAbsent(List.of(dir, name, shape, categories), k -> read(dir));
    }

    private DatasetImages read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DataException(name + " folder " + dir + " does not exist. " + howToFix);
        }
        return new DatasetImages(this, readSet(dir, "train"), readSet(dir, "t10k"));
    }

    private ImageSet readSet(Path dir, String prefix) {
        Path images = unpacked(dir, prefix + "-images-idx3-ubyte");
        Path labels = unpacked(dir, prefix + "-labels-idx1-ubyte");
        int[] y;
        ImageSet set;
        try (MnistImageFile img = new MnistImageFile(images.toString(), "r");
                MnistLabelFile lab = new MnistLabelFile(labels.toString(), "r")) {
            y = lab.readLabels(lab.getCount());
            set = new ImageSet(img.readImagesUnsafe(img.getCount()), y, img.getRows(), img.getCols());
        } catch (IOException | RuntimeException e) {
            throw new DataException("cannot read " + images + " / " + labels + ": " + e.getMessage() + ". " + howToFix, e);
        }
        if (!set.shape().equals(shape)) {
            throw new DataException(images + " holds " + set.shape() + " images, but data set " + name + " declares " + shape + ".");
        }
        for (int label : y) {
            if (label < 0 || label >= categories.size()) {
                throw new DataException(labels + " holds label " + label + ", but data set " + name + " has " + categories.size()
                        + " categories (labels 0.." + (categories.size() - 1) + ").");
            }
        }
        return set;
    }

    /** Returns the verified unpacked file for {@code file}, unpacking {@code file.gz} if needed. */
    Path unpacked(Path dir, String file) {
        String expected = contentSha256.get(file);
        Path plain = dir.resolve(file);
        if (Files.isRegularFile(plain)) {
            checkContent(plain, expected == null ? null : sha256(plain), expected);
            return plain;
        }
        Path target = dir.resolve("unpacked").resolve(file);
        if (Files.isRegularFile(target) && (expected == null || expected.equals(sha256(target)))) {
            return target;
        }
        Path gz = dir.resolve(file + ".gz");
        if (!Files.isRegularFile(gz)) {
            throw new DataException("missing data file " + gz + " (or " + plain + "). " + howToFix);
        }
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), file, ".part");
            String actual;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz));
                    DigestOutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), digest())) {
                in.transferTo(out);
                out.flush();
                actual = HexFormat.of().formatHex(out.getMessageDigest().digest());
            } catch (IOException e) {
                Files.deleteIfExists(tmp);
                throw new DataException("data file " + gz + " is corrupt (" + e.getMessage() + "). " + howToFix, e);
            }
            try {
                checkContent(gz, actual, expected);
            } catch (DataException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            moveAtomically(tmp, target);
            return target;
        } catch (IOException e) {
            throw new DataException("cannot unpack " + gz + " into " + target.getParent() + ": " + e.getMessage(), e);
        }
    }

    private void checkContent(Path file, String actual, String expected) {
        if (expected != null && !expected.equals(actual)) {
            throw new DataException("data file " + file + " does not hold the official " + name + " content"
                    + " (SHA-256 of its content is " + actual + ", expected " + expected + "). " + howToFix);
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file);
                DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest())) {
            in.transferTo(out);
            return HexFormat.of().formatHex(out.getMessageDigest().digest());
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
