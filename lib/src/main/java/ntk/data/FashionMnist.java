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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import org.deeplearning4j.datasets.mnist.MnistImageFile;
import org.deeplearning4j.datasets.mnist.MnistLabelFile;

/**
 * The Fashion-MNIST training and test sets, read from the four official IDX files in
 * {@code data/fashion-mnist/}.
 *
 * <p>Each {@code .gz} file is unpacked once into {@code unpacked/} beside it (written atomically)
 * and its content checked against the SHA-256 sums below, which are sums of the unpacked IDX
 * bytes: a copy compressed with a different gzip header still passes, a damaged one does not.
 * DL4J's own IDX readers then read the unpacked files.
 */
public final class FashionMnist {
    /** SHA-256 of the unpacked IDX content of each official file. */
    static final Map<String, String> CONTENT_SHA256 = new LinkedHashMap<>();

    static {
        CONTENT_SHA256.put("train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888");
        CONTENT_SHA256.put("train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9");
        CONTENT_SHA256.put("t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b");
        CONTENT_SHA256.put("t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");
    }

    private static final String HOW_TO_FIX = "Restore it with `git checkout -- data/fashion-mnist` in the kit's clone,"
            + " or copy the official file of that name (github.com/zalandoresearch/fashion-mnist, data/fashion/;"
            + " Debian package dataset-fashion-mnist) into that folder.";

    private static final Map<Path, FashionMnist> LOADED = new ConcurrentHashMap<>();

    private final ImageSet train;
    private final ImageSet test;

    private FashionMnist(ImageSet train, ImageSet test) {
        this.train = train;
        this.test = test;
    }

    public ImageSet train() {
        return train;
    }

    public ImageSet test() {
        return test;
    }

    /**
     * A data set for choosing settings without the test data or other categories: only the
     * training images of {@code categories}, split per category into {@code validationPerCategory}
     * validation images (served as this set's {@link #test()}) and the rest (its {@link #train()}).
     * The split is reproducible from {@code seed}; no test image and no image of another category
     * is in it.
     */
    public FashionMnist validationSplit(java.util.List<Category> categories, int validationPerCategory, long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        java.util.List<Integer> fit = new java.util.ArrayList<>();
        java.util.List<Integer> validation = new java.util.ArrayList<>();
        for (Category c : categories) {
            int[] own = Samples.draw(train.indices(c, true), train.indices(c, true).length, rng);
            if (own.length <= validationPerCategory) {
                throw new IllegalArgumentException("cannot hold out " + validationPerCategory + " validation images of " + c
                        + ": it has " + own.length + " training images");
            }
            for (int i = 0; i < own.length; i++) {
                (i < validationPerCategory ? validation : fit).add(own[i]);
            }
        }
        // keep the original order, so samplers over the split see images as they see the full set
        int[] fitIdx = fit.stream().mapToInt(Integer::intValue).sorted().toArray();
        int[] valIdx = validation.stream().mapToInt(Integer::intValue).sorted().toArray();
        return new FashionMnist(train.subset(fitIdx), train.subset(valIdx));
    }

    /** Loads from the folder {@link DataDirectory#fashionMnist()} finds; cached per folder. */
    public static FashionMnist load() {
        return load(DataDirectory.fashionMnist());
    }

    public static FashionMnist load(Path folder) {
        return LOADED.computeIfAbsent(folder.toAbsolutePath().normalize(), FashionMnist::read);
    }

    private static FashionMnist read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new DataException("Fashion-MNIST folder " + folder + " does not exist. " + HOW_TO_FIX);
        }
        ImageSet train = readSet(folder, "train");
        ImageSet test = readSet(folder, "t10k");
        return new FashionMnist(train, test);
    }

    private static ImageSet readSet(Path folder, String prefix) {
        Path images = unpacked(folder, prefix + "-images-idx3-ubyte");
        Path labels = unpacked(folder, prefix + "-labels-idx1-ubyte");
        try (MnistImageFile img = new MnistImageFile(images.toString(), "r");
                MnistLabelFile lab = new MnistLabelFile(labels.toString(), "r")) {
            int n = img.getCount();
            return new ImageSet(img.readImagesUnsafe(n), lab.readLabels(lab.getCount()), img.getRows(), img.getCols());
        } catch (IOException | RuntimeException e) {
            throw new DataException("cannot read " + images + " / " + labels + ": " + e.getMessage() + ". " + HOW_TO_FIX, e);
        }
    }

    /** Returns the verified unpacked file for {@code name}, unpacking {@code name.gz} if needed. */
    static Path unpacked(Path folder, String name) {
        String expected = CONTENT_SHA256.get(name);
        Path target = folder.resolve("unpacked").resolve(name);
        if (Files.isRegularFile(target) && expected.equals(sha256(target))) {
            return target;
        }
        Path gz = folder.resolve(name + ".gz");
        if (!Files.isRegularFile(gz)) {
            throw new DataException("missing data file " + gz + ". " + HOW_TO_FIX);
        }
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), name, ".part");
            String actual;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz));
                    DigestOutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), digest())) {
                in.transferTo(out);
                out.flush();
                actual = HexFormat.of().formatHex(out.getMessageDigest().digest());
            } catch (IOException e) {
                Files.deleteIfExists(tmp);
                throw new DataException("data file " + gz + " is corrupt (" + e.getMessage() + "). " + HOW_TO_FIX, e);
            }
            if (!expected.equals(actual)) {
                Files.deleteIfExists(tmp);
                throw new DataException("data file " + gz + " does not hold the official Fashion-MNIST content"
                        + " (SHA-256 of its content is " + actual + ", expected " + expected + "). " + HOW_TO_FIX);
            }
            moveAtomically(tmp, target);
            return target;
        } catch (IOException e) {
            throw new DataException("cannot unpack " + gz + " into " + target.getParent() + ": " + e.getMessage(), e);
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
