package ntk.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** The start of every picture the kit draws by hand: a white background and a pen for black, smooth text. */
public final class Canvas {
    private Canvas() {}

    /** Paints {@code image} white and returns a pen on it set to black, antialiased, sans-serif text of {@code style} and {@code size}. */
    public static Graphics2D pen(BufferedImage image, int style, int size) {
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, style, size));
        g.setColor(Color.BLACK);
        return g;
    }
}
