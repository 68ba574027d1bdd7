package ntk.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import ntk.backend.Backend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An image folder read into items: counts, labels, order, shape, the resize, grey and alpha rules, the cache. */
class ImageFolderTest {
    private static final ItemShape GREY = new ItemShape(1, 28, 28);

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    @Test
    void readsEveryPictureWithItsCategorysLabelInLabelOrder(@TempDir Path dir) {
        Path folder = ShapePictures.write(dir, "shapes", 1, 7, 3, 1);
        Dataset d = Datasets.inFolder(dir, "shapes");
        assertInstanceOf(ImageFolder.class, d, "dataset.json says image-folder");
        assertEquals(ShapePictures.SHAPES, d.categories().stream().map(Category::id).toList(), "default: train/'s folders, sorted");
        assertEquals(GREY, d.itemShape());
        DatasetImages images = d.load();
        assertEquals(4 * 7, images.train().size());
        assertEquals(4 * 3, images.test().size());
        for (Category c : d.categories()) {
            assertEquals(7, images.train().indices(c, true).length, c.id());
            assertEquals(3, images.test().indices(c, true).length, c.id());
        }
        assertArrayEquals(new long[] {4 * 7, 1, 28, 28}, images.train().images(images.train().all()).shape());
        // item 0 of train is circle-0000.png, label 0; item 7 is cross-0000.png, label 1
        assertEquals(0, images.train().label(0));
        assertEquals(1, images.train().label(7));
        assertArrayEquals(ItemPixels.of(read(folder.resolve("train/cross/cross-0000.png")), GREY), bytes(images.train(), 7));
    }

    @Test
    void categoriesAndDisplayNamesMayBeListedInTheirOwnOrder(@TempDir Path dir) {
        Path folder = ShapePictures.write(dir, "shapes", 1, 2, 1, 1);
        ShapePictures.writeManifest(folder, "{\"name\": \"shapes\", \"format\": \"image-folder\", \"itemShape\": [1, 28, 28],"
                + " \"categories\": [\"triangle\", \"square\", \"cross\", \"circle\"], \"displayNames\": [\"Triangle\", \"Square\", \"X\", \"O\"]}");
        Dataset d = ImageFolder.read(folder);
        assertEquals(List.of("triangle", "square", "cross", "circle"), d.categories().stream().map(Category::id).toList());
        assertEquals("X", d.category("cross").displayName());
        assertEquals(0, d.category("triangle").label());
        DatasetImages images = d.load();
        assertEquals(d.category("triangle").label(), images.train().label(0), "items follow the listed label order");
        assertArrayEquals(ItemPixels.of(read(folder.resolve("train/triangle/triangle-0000.png")), GREY), bytes(images.train(), 0));
    }

    @Test
    void filesAreReadInNameOrderWhateverOrderTheyWereWrittenIn(@TempDir Path dir) {
        Path folder = dir.resolve("order");
        ShapePictures.writeManifest(folder, "{\"name\": \"order\", \"itemShape\": [1, 8, 8]}"); // no format: a train/ folder makes it an image folder
        for (String c : List.of("a", "b")) {
            for (int v : new int[] {30, 10, 20}) { // written 30, 10, 20; named by value
                ShapePictures.png(uniform(8, 8, new Color(v, v, v)), folder.resolve("train").resolve(c).resolve("grey-" + v + ".png"));
            }
            ShapePictures.png(uniform(8, 8, Color.WHITE), folder.resolve("test").resolve(c).resolve("white.png"));
        }
        ImageSet train = Datasets.inFolder(dir, "order").load().train();
        assertEquals(List.of(10, 20, 30, 10, 20, 30), List.of(0, 1, 2, 3, 4, 5).stream().map(i -> bytes(train, i)[0] & 0xff).toList());
    }

    @Test
    void aPictureIsScaledToFitPreservingItsAspectRatioAndCentredOnBlack() {
        // 40 wide, 32 high into 28×28: the width limits, 32·28/40 = 22.4 rows round to 22, (28 − 22)/2 = 3 black rows above
        byte[] item = ItemPixels.of(uniform(40, 32, Color.WHITE), GREY);
        for (int r = 0; r < 28; r++) {
            int expected = r >= 3 && r < 25 ? 255 : 0;
            for (int c = 0; c < 28; c++) {
                assertEquals(expected, item[r * 28 + c] & 0xff, "row " + r + ", column " + c);
            }
        }
        // 9 wide, 16 high into 8×8: the height limits, 9·8/16 = 4.5 columns round (half up) to 5; (8 − 5)/2 = 1 black column left, 2 right
        byte[] tall = ItemPixels.of(uniform(9, 16, Color.WHITE), new ItemShape(1, 8, 8));
        assertEquals(List.of(0, 255, 255, 255, 255, 255, 0, 0), row(tall, 8, 4));
    }

    @Test
    void shrinkingAveragesTheAreaEachItemPixelCovers() {
        // 16×16 to 8×8: each item pixel covers 2×2 picture pixels; a white column at x = 1 half covers item column 0
        BufferedImage img = uniform(16, 16, Color.BLACK);
        for (int y = 0; y < 16; y++) {
            img.setRGB(1, y, 0xffffff);
        }
        byte[] item = ItemPixels.of(img, new ItemShape(1, 8, 8));
        assertEquals(List.of(128, 0, 0, 0, 0, 0, 0, 0), row(item, 8, 5), "127.5 rounds half up");
        // 24 to 8 columns: item column 0 covers picture columns 0..2, one of them white: 85
        BufferedImage wide = uniform(24, 24, Color.BLACK);
        for (int y = 0; y < 24; y++) {
            wide.setRGB(2, y, 0xffffff);
        }
        assertEquals(85, ItemPixels.of(wide, new ItemShape(1, 8, 8))[0] & 0xff);
    }

    @Test
    void enlargingAveragesTooSoAnEdgeBetweenPixelsIsShared() {
        // 12×12 to 16×16 with picture column 0 white; in sixteenths of a picture pixel, picture column 0 covers [0, 16),
        // item column 0 covers [0, 12) (all white), item column 1 [12, 24) (4 of 12 white: 85), item column 2 [24, 36) (black)
        BufferedImage img = uniform(12, 12, Color.BLACK);
        for (int y = 0; y < 12; y++) {
            img.setRGB(0, y, 0xffffff);
        }
        byte[] item = ItemPixels.of(img, new ItemShape(1, 16, 16));
        assertEquals(List.of(255, 85, 0), row(item, 16, 7).subList(0, 3));
    }

    @Test
    void greyIsTheBt601LumaOfTheColourRounded() {
        // 0.299·200 + 0.587·100 + 0.114·50 = 124.2
        assertEquals(124, ItemPixels.of(uniform(28, 28, new Color(200, 100, 50)), GREY)[0] & 0xff);
        // 0.299·255 = 76.245, 0.587·255 = 149.685, 0.114·255 = 29.07
        assertEquals(List.of(76, 150, 29), List.of(0xff0000, 0x00ff00, 0x0000ff).stream()
                .map(rgb -> ItemPixels.of(uniform(8, 8, new Color(rgb)), new ItemShape(1, 8, 8))[0] & 0xff).toList());
    }

    @Test
    void aGreyPictureKeepsItsValuesWhereJavasRgbConversionWouldBrightenThem() {
        BufferedImage grey = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                grey.getRaster().setSample(x, y, 0, 77);
            }
        }
        assertEquals(77, ItemPixels.of(grey, new ItemShape(1, 8, 8))[0] & 0xff);
        byte[] colour = ItemPixels.of(grey, new ItemShape(3, 8, 8));
        assertEquals(List.of(77, 77, 77), List.of(colour[0] & 0xff, colour[64] & 0xff, colour[128] & 0xff), "R = G = B = grey");
    }

    @Test
    void jpegAndSixteenBitGreyPicturesAreReadToo(@TempDir Path dir) throws Exception {
        Path jpeg = dir.resolve("grey.jpg");
        javax.imageio.ImageIO.write(uniform(16, 16, new Color(90, 90, 90)), "jpeg", jpeg.toFile());
        int value = ImageFiles.item(jpeg, new ItemShape(1, 8, 8))[0] & 0xff;
        assertEquals(90, value, 2, "JPEG is lossy, but not on a uniform picture");
        BufferedImage deep = new BufferedImage(8, 8, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                deep.getRaster().setSample(x, y, 0, 77 * 257); // 16 bits: 77/255 of the range
            }
        }
        Path png = dir.resolve("deep.png");
        ShapePictures.png(deep, png);
        assertEquals(77, ImageFiles.item(png, new ItemShape(1, 8, 8))[0] & 0xff);
    }

    @Test
    void alphaIsCompositedOnBlack() {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                img.setRGB(x, y, x < 4 ? 0x80ffffff : 0x00ffffff); // half-transparent white, then fully transparent white
            }
        }
        byte[] item = ItemPixels.of(img, new ItemShape(1, 8, 8));
        assertEquals(List.of(128, 128, 128, 128, 0, 0, 0, 0), row(item, 8, 0), "255·128/255 = 128; transparent is black");
    }

    @Test
    void colourItemsKeepRedGreenAndBlueAsThreeChannels(@TempDir Path dir) {
        ShapePictures.write(dir, "colour-shapes", 3, 3, 2, 2);
        Dataset d = Datasets.inFolder(dir, "colour-shapes");
        assertEquals(new ItemShape(3, 28, 28), d.itemShape());
        ImageSet train = d.load().train();
        assertArrayEquals(new long[] {12, 3, 28, 28}, train.images(train.all()).shape());
        byte[] item = ItemPixels.of(uniform(28, 28, new Color(200, 100, 50)), new ItemShape(3, 28, 28));
        int plane = 28 * 28;
        assertEquals(List.of(200, 100, 50), List.of(item[5] & 0xff, item[plane + 5] & 0xff, item[2 * plane + 5] & 0xff));
    }

    @Test
    void decodedFoldersAreCachedUntilTheirFilesChange(@TempDir Path dir) throws Exception {
        Path folder = ShapePictures.write(dir, "shapes", 1, 2, 1, 1);
        ImageFolder d = ImageFolder.read(folder);
        DatasetImages first = d.load();
        assertSame(first, ImageFolder.read(folder).load(), "the same folder, unchanged: decoded once");
        ShapePictures.png(ShapePictures.draw("circle", new SplittableRandom(9)), folder.resolve("train/circle/circle-9999.png"));
        DatasetImages second = d.load();
        assertNotSame(first, second);
        assertEquals(first.train().size() + 1, second.train().size(), "the added picture is read");
    }

    private static BufferedImage uniform(int width, int height, Color colour) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return img;
    }

    private static List<Integer> row(byte[] item, int width, int r) {
        return java.util.stream.IntStream.range(0, width).mapToObj(c -> item[r * width + c] & 0xff).toList();
    }

    private static byte[] bytes(ImageSet set, int i) {
        float[] px = set.pixels(i);
        byte[] out = new byte[px.length];
        for (int p = 0; p < px.length; p++) {
            out[p] = (byte) Math.round(px[p] * 255);
        }
        return out;
    }

    static BufferedImage read(Path file) {
        try {
            return javax.imageio.ImageIO.read(file.toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
