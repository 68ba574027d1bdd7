package ntk.notebook;

import static ntk.notebook.DiagramLayout.MARGIN;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import ntk.notebook.DiagramLayout.Arrow;
import ntk.notebook.DiagramLayout.Box;
import ntk.notebook.DiagramLayout.Group;
import ntk.notebook.DiagramLayout.Kind;
import ntk.notebook.DiagramLayout.Text;

/**
 * Paints a {@link DiagramLayout} with Java2D, and measures text in the diagrams' fonts: the
 * layouts size their boxes with the same fonts the painter writes in.
 */
final class DiagramPainter {
    /** A box's name, e.g. the f of f_c. */
    static final Font NAME = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    static final Font SUBSCRIPT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    /** The small line under a box's name. */
    static final Font NOTE = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font HEADING = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color HIGHLIGHT = new Color(230, 120, 0);

    private DiagramPainter() {}

    static BufferedImage paint(DiagramLayout layout) {
        BufferedImage image = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = ntk.report.Canvas.pen(image, Font.PLAIN, 12);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        for (Arrow a : layout.arrows()) {
            paintArrow(g, layout.byId(a.from()), layout.byId(a.to()), a);
        }
        for (Box b : layout.boxes()) {
            paintBox(g, b);
        }
        for (Group gr : layout.groups()) {
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1.2f));
            g.drawLine(gr.x(), gr.y(), gr.x() + gr.width(), gr.y());
            g.drawLine(gr.x(), gr.y(), gr.x(), gr.y() + 5);
            g.drawLine(gr.x() + gr.width(), gr.y(), gr.x() + gr.width(), gr.y() + 5);
            g.setFont(TEXT);
            g.drawString(gr.name(), gr.x() + (gr.width() - textWidth(TEXT, gr.name())) / 2, gr.y() - 4);
        }
        for (Text t : layout.texts()) {
            g.setColor(Color.BLACK);
            g.setFont(t.heading() ? HEADING : TEXT);
            g.drawString(t.text(), t.x(), t.y());
        }
        g.dispose();
        return image;
    }

    private static void paintBox(Graphics2D g, Box b) {
        g.setColor(b.highlighted() ? new Color(255, 222, 180) : b.kind().fill);
        g.fillRoundRect(b.x(), b.y(), b.width(), b.height(), 10, 10);
        g.setColor(b.highlighted() ? HIGHLIGHT : b.kind() == Kind.TERMINAL ? Color.WHITE : Color.GRAY);
        g.setStroke(new BasicStroke(b.highlighted() ? 2.5f : 1f));
        g.drawRoundRect(b.x(), b.y(), b.width(), b.height(), 10, 10);
        boolean noted = !b.note().isEmpty();
        int baseline = b.y() + (noted ? 18 : b.height() / 2 + 5);
        int nameWidth = textWidth(NAME, b.symbol()) + (b.subscript().isEmpty() ? 0 : 1 + textWidth(SUBSCRIPT, b.subscript()));
        int x = b.x() + (b.width() - nameWidth) / 2;
        g.setColor(Color.BLACK);
        g.setFont(NAME);
        g.drawString(b.symbol(), x, baseline);
        if (!b.subscript().isEmpty()) {
            g.setFont(SUBSCRIPT);
            g.drawString(b.subscript(), x + textWidth(NAME, b.symbol()) + 1, baseline + 4);
        }
        if (noted) {
            g.setFont(NOTE);
            g.setColor(Color.DARK_GRAY);
            g.drawString(b.note(), b.x() + (b.width() - textWidth(NOTE, b.note())) / 2, b.y() + b.height() - 7);
        }
    }

    /** From the side of {@code from} facing {@code to} (or its bottom, if they overlap sideways) to the opposite side of {@code to}. */
    private static void paintArrow(Graphics2D g, Box from, Box to, Arrow a) {
        int x1, y1, x2, y2;
        if (to.x() >= from.x() + from.width()) { // rightwards
            x1 = from.x() + from.width();
            y1 = from.centreY();
            x2 = to.x();
            y2 = to.centreY();
        } else if (to.x() + to.width() <= from.x()) { // leftwards
            x1 = from.x();
            y1 = from.centreY();
            x2 = to.x() + to.width();
            y2 = to.centreY();
        } else { // straight down
            x1 = from.centreX();
            y1 = from.y() + from.height();
            x2 = to.centreX();
            y2 = to.y();
        }
        Stroke stroke = a.dashed()
                ? new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f)
                : new BasicStroke(a.highlighted() ? 2.2f : 1.2f);
        g.setStroke(stroke);
        g.setColor(a.highlighted() ? HIGHLIGHT : a.dashed() ? Color.GRAY : Color.DARK_GRAY);
        g.drawLine(x1, y1, x2, y2);
        double angle = Math.atan2(y2 - y1, x2 - x1);
        int size = 8;
        int[] xs = {x2, (int) Math.round(x2 - size * Math.cos(angle - 0.4)), (int) Math.round(x2 - size * Math.cos(angle + 0.4))};
        int[] ys = {y2, (int) Math.round(y2 - size * Math.sin(angle - 0.4)), (int) Math.round(y2 - size * Math.sin(angle + 0.4))};
        g.fillPolygon(xs, ys, 3);
    }

    /** Pictures in a grid, {@code columns} per row, each under its title. */
    static BufferedImage panels(List<BufferedImage> images, List<String> titles, int columns) {
        int cols = Math.max(1, Math.min(columns, images.size()));
        int title = 22;
        int cellWidth = images.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
        List<Integer> rowHeights = new ArrayList<>();
        for (int i = 0; i < images.size(); i += cols) {
            rowHeights.add(title + images.subList(i, Math.min(images.size(), i + cols)).stream().mapToInt(BufferedImage::getHeight).max().orElse(0));
        }
        BufferedImage out = new BufferedImage(cols * cellWidth, rowHeights.stream().mapToInt(Integer::intValue).sum(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = ntk.report.Canvas.pen(out, Font.BOLD, 14);
        int y = 0;
        for (int r = 0; r < rowHeights.size(); r++) {
            for (int c = 0; c < cols && r * cols + c < images.size(); c++) {
                int i = r * cols + c;
                g.setColor(Color.BLACK);
                g.drawString(titles.get(i), c * cellWidth + MARGIN, y + title - 4);
                g.drawImage(images.get(i), c * cellWidth, y + title, null);
                if (c > 0) {
                    g.setColor(Color.LIGHT_GRAY);
                    g.drawLine(c * cellWidth, y, c * cellWidth, y + rowHeights.get(r));
                }
            }
            y += rowHeights.get(r);
        }
        g.dispose();
        return out;
    }

    private static final BufferedImage SCRATCH = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);

    /** The width of {@code text} in {@code font}, antialiased as the painter draws it. */
    static int textWidth(Font font, String text) {
        Graphics2D g = SCRATCH.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        FontMetrics m = g.getFontMetrics(font);
        int w = m.stringWidth(text);
        g.dispose();
        return w;
    }
}
