package ntk.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images.fullRun: a committed figure of the full run, under a caption that says it is one. */
class FullRunFiguresTest {
    @Test
    void aCommittedFigureComesUnderItsCaption(@TempDir Path clone) throws Exception {
        Path png = Files.createDirectories(clone.resolve("reference/full/classification")).resolve("error_vs_annotations.png");
        BufferedImage figure = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(figure, "png", png.toFile());
        BufferedImage shown = Images.fullRun(clone, "classification/error_vs_annotations.png");
        assertEquals(300, shown.getWidth());
        int strip = shown.getHeight() - 200;
        assertTrue(strip >= 16, "a caption line above the figure: " + strip);
        assertEquals(0, shown.getRGB(150, strip + 100) & 0xFFFFFF, "the figure's own (black) pixels below the caption");
        int dark = 0;
        for (int y = 0; y < strip; y++) {
            for (int x = 0; x < 300; x++) {
                dark += (shown.getRGB(x, y) & 0xFFFFFF) == 0xFFFFFF ? 0 : 1;
            }
        }
        assertTrue(dark > 100, "the caption's text is drawn: " + dark);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Images.fullRun(clone, "classification/nope.png"));
        assertTrue(e.getMessage().contains("reference/full/classification/nope.png")
                && e.getMessage().contains("classification/error_vs_annotations.png"), e.getMessage());
    }

    @Test
    void theClonesFullRunFiguresAllLoad() {
        for (String figure : new String[] {"classification/error_vs_annotations.png", "classification/error_vs_unlabeled.png",
                "segmentation/error_vs_unlabeled.png", "segmentation/masks.png"}) {
            BufferedImage shown = Images.fullRun(figure);
            assertTrue(shown.getWidth() > 500 && shown.getHeight() > 300, figure);
        }
    }
}
