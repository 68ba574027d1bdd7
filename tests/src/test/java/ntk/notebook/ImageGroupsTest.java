package ntk.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import ntk.backend.Backend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Images.groups: titled groups of images one under another (the images drawn on a white page), an
 * empty group shown as "(none)"; Images.logits: the captions under them.
 */
class ImageGroupsTest {
    @BeforeAll
    static void backend() {
        Backend.init();
    }

    @Test
    void groupsStackUnderTheirTitlesWithTheImagesPixelsDrawn() {
        INDArray black = Nd4j.zeros(DataType.FLOAT, 3, 1, 28, 28);
        INDArray none = Nd4j.create(DataType.FLOAT, 0, 1, 28, 28);
        BufferedImage alone = Images.grid(black, 2, 2, null);
        BufferedImage g = Images.groups(List.of("real", "synthesised"), List.of(none, black),
                Arrays.asList(null, List.of("+4.0", "+3.9", "-4.1")), 2, 2);
        BufferedImage captioned = Images.grid(black, 2, 2, List.of("a", "b", "c"));
        assertEquals(Math.max(200, alone.getWidth()), g.getWidth());
        assertTrue(g.getHeight() > captioned.getHeight() + 2 * 16 - 1, "height " + g.getHeight());
        int bottom = g.getHeight() - captioned.getHeight();
        assertEquals(0, g.getRGB(4 + 10, bottom + 4 + 10) & 0xFFFFFF, "a black image's pixel, on the white page");
        assertEquals(0xFFFFFF, g.getRGB(1, 1) & 0xFFFFFF, "background");
        assertThrows(IllegalArgumentException.class, () -> Images.groups(List.of("one"), List.of(black, black), null, 2, 2));
    }

    @Test
    void logitCaptionsCarryTheirSign() {
        assertEquals(List.of("+3.9", "-4.1", "+0.0"), Images.logits(Nd4j.createFromArray(new float[][] {{3.94f}, {-4.06f}, {0f}})));
    }
}
