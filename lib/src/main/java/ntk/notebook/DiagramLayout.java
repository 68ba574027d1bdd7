package ntk.notebook;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;

/**
 * Everything one diagram draws, in pixels: boxes, arrows, texts and brackets. A diagram is first
 * laid out ({@link GenericNetworkDiagram}, {@link TwinDiagram}, {@link GrowthDiagram}), which
 * tests can read, and then painted ({@link #paint()}).
 */
public record DiagramLayout(int width, int height, List<Box> boxes, List<Arrow> arrows, List<Text> texts, List<Group> groups) {
    /** Space around a picture's content. */
    static final int MARGIN = 16;
    /** Space between a box's text and its sides. */
    static final int PAD = 8;

    public DiagramLayout {
        boxes = List.copyOf(boxes);
        arrows = List.copyOf(arrows);
        texts = List.copyOf(texts);
        groups = List.copyOf(groups);
    }

    /** What a box stands for; it picks the box's colour. */
    public enum Kind {
        CATEGORY(new Color(214, 230, 250)), ADAPTER(new Color(255, 240, 190)), TASK(new Color(210, 240, 210)),
        LAYER(new Color(232, 232, 232)), TWIN(new Color(236, 222, 250)), TERMINAL(Color.WHITE);

        final Color fill;

        Kind(Color fill) {
            this.fill = fill;
        }
    }

    /**
     * A box: a name written {@code symbol} with {@code subscript} below its baseline (as in f_c),
     * an optional small note under it, and whether it is new in this picture.
     */
    public record Box(String id, Kind kind, String symbol, String subscript, String note, boolean highlighted,
            int x, int y, int width, int height) {
        /** "f_t-shirt", "h_t-shirt,classification", "g_classification", "conv3x3": how tests find it. */
        public String label() {
            return subscript.isEmpty() ? symbol : symbol + "_" + subscript;
        }

        int centreX() {
            return x + width / 2;
        }

        int centreY() {
            return y + height / 2;
        }

        /** The same box, {@code newWidth} wide. */
        Box withWidth(int newWidth) {
            return new Box(id, kind, symbol, subscript, note, highlighted, x, y, newWidth, height);
        }
    }

    /** An arrow between two boxes, by id; dashed ones link a layer to its twin. */
    public record Arrow(String from, String to, boolean highlighted, boolean dashed) {}

    /** A line of text with its baseline at (x, y). */
    public record Text(String text, int x, int y, boolean heading) {}

    /** A labelled bracket over the boxes from x to x + width, e.g. the layers of one module. */
    public record Group(String name, int x, int width, int y) {}

    /** The box labelled {@code label} (see {@link Box#label()}), if any. */
    public Optional<Box> box(String label) {
        return boxes.stream().filter(b -> b.label().equals(label)).findFirst();
    }

    /** True if an arrow leads from the box labelled {@code from} to the one labelled {@code to}. */
    public boolean connects(String from, String to) {
        Optional<Box> a = box(from);
        Optional<Box> b = box(to);
        return a.isPresent() && b.isPresent()
                && arrows.stream().anyMatch(r -> r.from().equals(a.get().id()) && r.to().equals(b.get().id()));
    }

    Box byId(String id) {
        return boxes.stream().filter(b -> b.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("an arrow names no box '" + id + "'"));
    }

    /** The picture: boxes over arrows, headings and brackets, on white. */
    public BufferedImage paint() {
        return DiagramPainter.paint(this);
    }
}
