package ntk.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The picture files of an image folder's split ({@code train/} or {@code test/}), per category in
 * label order, each category's files sorted by name ({@link String#compareTo}). Files whose names
 * start with a dot are skipped (.DS_Store, editor backups); any other file must be a PNG or JPEG
 * ({@code .png}, {@code .jpg}, {@code .jpeg}, any case).
 */
record ImageFiles(Path split, List<List<Path>> perCategory) {
    static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

    /** Lists and checks the files of {@code split}'s category folders. */
    static ImageFiles list(Path split, List<Category> categories) {
        List<List<Path>> files = new ArrayList<>();
        for (Category c : categories) {
            files.add(pictures(split.resolve(c.id()), c));
        }
        return new ImageFiles(split, files);
    }

    private static List<Path> pictures(Path folder, Category c) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    throw new DataException(p + " is a folder inside the category folder " + folder + "; a category folder holds"
                            + " images only: move its images up into " + folder.getFileName() + "/ or remove it");
                }
                if (!isPicture(name)) {
                    throw new DataException(p + " is not a PNG or JPEG image (by its name); a category folder holds only "
                            + String.join(", ", EXTENSIONS) + " files: convert it or remove it");
                }
                out.add(p);
            }
        } catch (IOException e) {
            throw new DataException("cannot list the category folder " + folder + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new DataException("category " + c.id() + " has no images in " + folder + ": add PNG or JPEG images to it, or remove"
                    + " the category (its train/ and test/ folders, and its entry in " + DatasetFolders.FILE + " if listed there)");
        }
        return out;
    }

    static boolean isPicture(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(lower::endsWith);
    }

    /** Every file's path, size and modification time: when it changes, the folder is read again. */
    List<String> fingerprint() {
        List<String> out = new ArrayList<>();
        for (List<Path> files : perCategory) {
            for (Path f : files) {
                try {
                    out.add(f + " " + Files.size(f) + " " + Files.getLastModifiedTime(f).toMillis());
                } catch (IOException e) {
                    throw new DataException("cannot read " + f + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    /** Decodes every file into an item of {@code shape}, in category then file order; labels are the categories' labels. */
    ImageSet read(ItemShape shape) {
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int label = 0; label < perCategory.size(); label++) {
            for (Path f : perCategory.get(label)) {
                files.add(f);
                labels.add(label);
            }
        }
        byte[][] pixels = new byte[files.size()][];
        // decoding dominates; each item lands in its own slot, so the order does not depend on the threads
        IntStream.range(0, files.size()).parallel().forEach(i -> pixels[i] = item(files.get(i), shape));
        return new ImageSet(pixels, labels.stream().mapToInt(Integer::intValue).toArray(), shape.channels(), shape.height(), shape.width());
    }

    /** One picture file as an item of {@code shape} ({@link ItemPixels}). */
    static byte[] item(Path file, ItemShape shape) {
        BufferedImage picture;
        try {
            picture = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DataException("cannot read the image " + file + " (" + e.getMessage() + "); it is damaged or in a form Java's"
                    + " image reader does not take (e.g. a CMYK JPEG): replace it with an RGB or greyscale PNG or JPEG, or remove it", e);
        }
        if (picture == null) {
            throw new DataException("the image " + file + " is not a PNG or JPEG image (no image reader recognises its content):"
                    + " replace it with a PNG or JPEG, or remove it");
        }
        return ItemPixels.of(picture, shape);
    }
}
