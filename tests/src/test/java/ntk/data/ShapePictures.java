package ntk.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * An image folder the tests draw themselves: one bright shape per picture (circle, cross, square
 * or triangle, of varying size, place and colour) on black, 40 pixels wide and 32 high, so that
 * reading it to 28×28 items exercises the resizing. The same seed draws the same pictures.
 */
public final class ShapePictures {
    public static final List<String> SHAPES = List.of("circle", "cross", "square", "triangle");
    public static final int WIDTH = 40;
    public static final int HEIGHT = 32;

    private ShapePictures() {}

    /**
     * Writes {@code parent/name/} with dataset.json ({@code itemShape} [channels, 28, 28]) and
     * {@code perCategoryTrain} and {@code perCategoryTest} PNGs of each shape in train/ and test/.
     */
    public static Path write(Path parent, String name, int channels, int perCategoryTrain, int perCategoryTest, long seed) {
        Path folder = parent.resolve(name);
        SplittableRandom rng = new SplittableRandom(seed);
        for (String shape : SHAPES) {
            for (String split : List.of("train", "test")) {
                int count = split.equals("train") ? perCategoryTrain : perCategoryTest;
                for (int i = 0; i < count; i++) {
                    png(draw(shape, rng), folder.resolve(split).resolve(shape).resolve(String.format("%s-%04d.png", shape, i)));
                }
            }
        }
        writeManifest(folder, "{\"name\": \"" + name + "\", \"format\": \"image-folder\", \"itemShape\": [" + channels + ", 28, 28]}");
        return folder;
    }

    public static void writeManifest(Path folder, String json) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("dataset.json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One picture of {@code shape}. */
    static BufferedImage draw(String shape, SplittableRandom rng) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(rng.nextInt(120, 256), rng.nextInt(120, 256), rng.nextInt(120, 256)));
        g.setStroke(new BasicStroke(3f));
        int size = rng.nextInt(16, 27);
        int x = rng.nextInt(2, WIDTH - size - 1);
        int y = rng.nextInt(2, HEIGHT - size - 1);
        switch (shape) {
            case "circle" -> g.fillOval(x, y, size, size);
            case "square" -> g.fillRect(x, y, size, size);
            case "triangle" -> g.fillPolygon(new int[] {x, x + size / 2, x + size}, new int[] {y + size, y, y + size}, 3);
            case "cross" -> {
                g.drawLine(x, y, x + size, y + size);
                g.drawLine(x, y + size, x + size, y);
            }
            default -> throw new IllegalArgumentException(shape);
        }
        g.dispose();
        return img;
    }

    public static void png(BufferedImage img, Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(img, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer for " + img);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
