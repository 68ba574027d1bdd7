package ntk.notebook;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import ntk.data.Category;
import ntk.generic.GenericNetwork;
import ntk.generic.Task;
import ntk.nn.Conv2d;
import ntk.nn.Dense;
import ntk.nn.Flatten;
import ntk.nn.Layer;
import ntk.nn.MaxPool2d;
import ntk.nn.Module;
import ntk.nn.Relu;
import ntk.nn.Shape;
import ntk.nn.Upsample2d;

/**
 * Diagrams of the kit's networks, drawn from the objects themselves so that they cannot drift
 * from the code: the generic network's modules and routes, a chain's layers above its backward
 * twin, and the network growing one category at a time. Each diagram is first a {@link Layout}
 * (boxes, arrows, texts: what is drawn and where, which tests can read), then painted.
 */
public final class Diagrams {
    private static final Font NAME = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font SUBSCRIPT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font NOTE = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font HEADING = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color HIGHLIGHT = new Color(230, 120, 0);
    private static final int MARGIN = 16;
    private static final int PAD = 8;

    private Diagrams() {}

    /** What a box stands for; it picks the box's colour. */
    public enum Kind {
        CATEGORY(new Color(214, 230, 250)), ADAPTER(new Color(255, 240, 190)), TASK(new Color(210, 240, 210)),
        LAYER(new Color(232, 232, 232)), TWIN(new Color(236, 222, 250)), TERMINAL(Color.WHITE);

        private final Color fill;

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
    }

    /** An arrow between two boxes, by id; dashed ones link a layer to its twin. */
    public record Arrow(String from, String to, boolean highlighted, boolean dashed) {}

    /** A line of text with its baseline at (x, y). */
    public record Text(String text, int x, int y, boolean heading) {}

    /** A labelled bracket over the boxes from x to x + width, e.g. the layers of one module. */
    public record Group(String name, int x, int width, int y) {}

    /** Everything one picture draws, in pixels. */
    public record Layout(int width, int height, List<Box> boxes, List<Arrow> arrows, List<Text> texts, List<Group> groups) {
        public Layout {
            boxes = List.copyOf(boxes);
            arrows = List.copyOf(arrows);
            texts = List.copyOf(texts);
            groups = List.copyOf(groups);
        }

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
    }

    // ------------------------------------------------------------------ the generic network

    /** The whole network: every category module, adapter and task module, and the routes through them. */
    public static BufferedImage genericNetwork(GenericNetwork net) {
        return paint(genericNetworkLayout(net, net.categories(), Set.of()));
    }

    /** The whole network, with the modules of the {@code highlighted} categories drawn as new. */
    public static BufferedImage genericNetwork(GenericNetwork net, Collection<Category> highlighted) {
        return paint(genericNetworkLayout(net, net.categories(), highlighted));
    }

    /**
     * Three columns — category modules f_c, adapters h_{c,t}, task modules g_t — with an arrow for
     * every step of every route c → t of {@code net} among the {@code shown} categories. A category
     * without an adapter keeps its f_c box and no arrow; a task without a route keeps its g_t box.
     */
    public static Layout genericNetworkLayout(GenericNetwork net, Collection<Category> shown, Collection<Category> highlighted) {
        return genericNetworkLayout(net, shown, highlighted, false);
    }

    /** As above; {@code compact} leaves out the parameter counts and tightens the spacing, for panels side by side. */
    static Layout genericNetworkLayout(GenericNetwork net, Collection<Category> shown, Collection<Category> highlighted, boolean compact) {
        List<Category> categories = net.categories().stream().filter(shown::contains).toList();
        List<Task> tasks = List.copyOf(net.tasks());
        List<GenericNetwork.Route> routes = net.routes().stream().filter(r -> shown.contains(r.category())).toList();

        int boxHeight = compact ? 26 : 40;
        int rowGap = compact ? 4 : 6;
        int categoryGap = compact ? 8 : 14;
        int columnGap = compact ? 44 : 70;
        int top = MARGIN + 24;
        java.util.function.Function<Module, String> note = m -> compact ? "" : count(m);

        int fWidth = 0;
        for (Category c : categories) {
            fWidth = Math.max(fWidth, boxWidth("f", c.id(), note.apply(net.categoryModule(c))));
        }
        int hWidth = 0;
        for (GenericNetwork.Route r : routes) {
            hWidth = Math.max(hWidth, boxWidth("h", adapterSubscript(r), note.apply(net.adapter(r.category(), r.task()))));
        }
        int gWidth = 0;
        for (Task t : tasks) {
            gWidth = Math.max(gWidth, boxWidth("g", t.id(), note.apply(net.taskModule(t))));
        }
        String[] headings = compact ? new String[] {"category modules", "adapters", "task modules"}
                : new String[] {"category modules (frozen)", "adapters (one per category and task)", "task modules (shared)"};
        fWidth = Math.max(fWidth, textWidth(HEADING, headings[0]));
        hWidth = Math.max(Math.max(hWidth, 120), textWidth(HEADING, headings[1]));
        gWidth = Math.max(gWidth, textWidth(HEADING, headings[2]));
        int fx = MARGIN;
        int hx = fx + fWidth + columnGap;
        int gx = hx + hWidth + columnGap;

        List<Box> boxes = new ArrayList<>();
        List<Arrow> arrows = new ArrayList<>();
        int y = top;
        for (Category c : categories) {
            boolean isNew = highlighted.contains(c);
            List<GenericNetwork.Route> own = routes.stream().filter(r -> r.category() == c).toList();
            int rows = Math.max(1, own.size());
            int blockHeight = rows * boxHeight + (rows - 1) * rowGap;
            Box f = new Box("f:" + c.id(), Kind.CATEGORY, "f", c.id(), note.apply(net.categoryModule(c)), isNew,
                    fx, y + (blockHeight - boxHeight) / 2, fWidth, boxHeight);
            boxes.add(f);
            int hy = y;
            for (GenericNetwork.Route r : own) {
                Box h = new Box("h:" + c.id() + ":" + r.task().id(), Kind.ADAPTER, "h", adapterSubscript(r),
                        note.apply(net.adapter(c, r.task())), isNew, hx, hy, hWidth, boxHeight);
                boxes.add(h);
                arrows.add(new Arrow(f.id(), h.id(), isNew, false));
                arrows.add(new Arrow(h.id(), "g:" + r.task().id(), isNew, false));
                hy += boxHeight + rowGap;
            }
            y += blockHeight + categoryGap;
        }
        int bottom = Math.max(y - categoryGap, top + boxHeight);
        // task modules spread evenly over the column's height, so their fans of arrows stay apart
        int span = bottom - top;
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            int gy = top + (int) Math.round(span * (i + 0.5) / tasks.size()) - boxHeight / 2;
            boxes.add(new Box("g:" + t.id(), Kind.TASK, "g", t.id(), note.apply(net.taskModule(t)), false, gx, gy, gWidth, boxHeight));
        }
        List<Text> texts = List.of(new Text(headings[0], fx, MARGIN + 12, true), new Text(headings[1], hx, MARGIN + 12, true),
                new Text(headings[2], gx, MARGIN + 12, true));
        return new Layout(gx + gWidth + MARGIN, bottom + MARGIN, boxes, arrows, texts, List.of());
    }

    private static String adapterSubscript(GenericNetwork.Route r) {
        return r.category().id() + ", " + r.task().id();
    }

    private static String count(Module m) {
        return String.format("%,d parameters", m.parameterCount());
    }

    // ------------------------------------------------------------------ the network growing

    /**
     * One panel per step of LEGO on {@code grown}: first its categories other than {@code added},
     * then each of {@code added} joining in order, its new modules highlighted. {@code columns}
     * panels side by side.
     */
    public static BufferedImage growth(GenericNetwork grown, List<Category> added, int columns) {
        List<Layout> panels = growthLayouts(grown, added);
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < panels.size(); i++) {
            images.add(paint(panels.get(i)));
        }
        List<String> titles = new ArrayList<>();
        titles.add("base");
        added.forEach(c -> titles.add("step " + titles.size() + ": + " + c.id()));
        return panels(images, titles, columns);
    }

    /** The panels of {@link #growth}: panel k shows the base categories and the first k of {@code added}. */
    public static List<Layout> growthLayouts(GenericNetwork grown, List<Category> added) {
        for (Category c : added) {
            grown.categoryModule(c); // names a category the network lacks
        }
        Set<Category> shown = new LinkedHashSet<>(grown.categories());
        shown.removeAll(added);
        List<Layout> out = new ArrayList<>();
        out.add(genericNetworkLayout(grown, shown, Set.of(), true));
        for (Category c : added) {
            shown.add(c);
            out.add(genericNetworkLayout(grown, shown, Set.of(c), true));
        }
        return out;
    }

    // ------------------------------------------------------------------ the backward twin

    /** The layers of {@code chain} left to right, and under them their backward twins running right to left. */
    public static BufferedImage twin(List<Module> chain, List<String> moduleNames) {
        return paint(twinLayout(chain, moduleNames));
    }

    /**
     * Forward row: the input (x for a picture, z for features), every layer of every module of {@code chain} (bracketed by
     * {@code moduleNames}), the output y. Twin row below: the probe v at the output, each layer's
     * twin under its layer, the input gradient Jᵀv under x; arrows run right to left. A dashed
     * line joins each layer to its twin: the twin reuses the layer's weights, or the mask or
     * switches its forward pass recorded.
     */
    public static Layout twinLayout(List<Module> chain, List<String> moduleNames) {
        if (chain.size() != moduleNames.size()) {
            throw new IllegalArgumentException(chain.size() + " modules need as many names, got " + moduleNames.size());
        }
        int boxHeight = 44;
        int gap = 20;
        int forwardY = MARGIN + 52; // room for the heading above the modules' brackets
        int twinY = forwardY + boxHeight + 60;
        List<Box> boxes = new ArrayList<>();
        List<Arrow> arrows = new ArrayList<>();
        List<Group> groups = new ArrayList<>();

        Shape in = chain.get(0).spec().input();
        Shape out = chain.get(chain.size() - 1).spec().output();
        int x = MARGIN;
        // the kit's notation: x is a picture, z = f_c(x) the features a chain after f_c starts from
        String inputName = chain.get(0).spec().role() == ntk.nn.ModuleSpec.Role.CATEGORY ? "x" : "z";
        Box input = terminal("x", inputName, shapeText(in), x, forwardY, boxHeight);
        Box gradient = terminal("gradient", "Jᵀv", shapeText(in), x, twinY, boxHeight);
        int w = Math.max(input.width(), gradient.width());
        boxes.add(resized(input, w));
        boxes.add(resized(gradient, w));
        x += w + gap;
        String previousForward = input.id();
        List<String> twinIds = new ArrayList<>();
        int index = 0;
        for (int m = 0; m < chain.size(); m++) {
            int groupStart = x;
            List<Layer> layers = chain.get(m).spec().layers();
            for (int i = 0; i < layers.size(); i++) {
                Layer l = layers.get(i);
                String[] f = forwardText(l);
                String[] t = twinText(l);
                int bw = Math.max(56, Math.max(Math.max(textWidth(NAME, f[0]), textWidth(NOTE, f[1])),
                        Math.max(textWidth(NAME, t[0]), textWidth(NOTE, t[1]))) + 2 * PAD);
                Box layer = new Box("layer:" + index, Kind.LAYER, f[0], "", f[1], false, x, forwardY, bw, boxHeight);
                Box twin = new Box("twin:" + index, Kind.TWIN, t[0], "", t[1], false, x, twinY, bw, boxHeight);
                boxes.add(layer);
                boxes.add(twin);
                arrows.add(new Arrow(previousForward, layer.id(), false, false));
                arrows.add(new Arrow(layer.id(), twin.id(), false, true));
                twinIds.add(twin.id());
                previousForward = layer.id();
                x += bw + gap;
                index++;
            }
            groups.add(new Group(moduleNames.get(m), groupStart, x - gap - groupStart, forwardY - 10));
        }
        Box output = terminal("y", "y", shapeText(out), x, forwardY, boxHeight);
        Box probe = terminal("v", "v", shapeText(out), x, twinY, boxHeight);
        w = Math.max(output.width(), probe.width());
        boxes.add(resized(output, w));
        boxes.add(resized(probe, w));
        arrows.add(new Arrow(previousForward, output.id(), false, false));
        String previousTwin = probe.id();
        for (int i = twinIds.size() - 1; i >= 0; i--) {
            arrows.add(new Arrow(previousTwin, twinIds.get(i), false, false));
            previousTwin = twinIds.get(i);
        }
        arrows.add(new Arrow(previousTwin, gradient.id(), false, false));
        List<Text> texts = List.of(
                new Text("forward: the layers", MARGIN, MARGIN + 12, true),
                new Text("backward twin: each layer's input gradient, as ordinary ops on the same weights", MARGIN, twinY + boxHeight + 22, true),
                new Text("dashed: the twin reuses its layer's weights, or the mask / switches the forward pass recorded",
                        MARGIN, twinY + boxHeight + 40, false));
        int width = Math.max(x + w + MARGIN, textWidth(TEXT, texts.get(2).text()) + 2 * MARGIN);
        width = Math.max(width, textWidth(HEADING, texts.get(1).text()) + 2 * MARGIN);
        return new Layout(width, twinY + boxHeight + 40 + MARGIN, boxes, arrows, texts, groups);
    }

    private static Box terminal(String id, String name, String note, int x, int y, int height) {
        int w = Math.max(textWidth(NAME, name), textWidth(NOTE, note)) + 2 * PAD;
        return new Box(id, Kind.TERMINAL, name, "", note, false, x, y, w, height);
    }

    private static Box resized(Box b, int width) {
        return new Box(b.id(), b.kind(), b.symbol(), b.subscript(), b.note(), b.highlighted(), b.x(), b.y(), width, b.height());
    }

    private static String shapeText(Shape s) {
        int[] d = s.dims();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < d.length; i++) {
            b.append(i == 0 ? "" : "×").append(d[i]);
        }
        return b.toString();
    }

    /** Name and detail of a layer, as the forward row shows it. */
    static String[] forwardText(Layer l) {
        if (l instanceof Conv2d c) {
            return new String[] {"conv " + c.kernel() + "×" + c.kernel(), c.in() + "→" + c.out() + " ch"};
        } else if (l instanceof Dense d) {
            return new String[] {"dense", d.in() + "→" + d.out()};
        } else if (l instanceof Relu) {
            return new String[] {"ReLU", "max(x, 0)"};
        } else if (l instanceof MaxPool2d p) {
            return new String[] {"max-pool", p.describe().substring("maxpool".length()) + "×" + p.describe().substring("maxpool".length())};
        } else if (l instanceof Flatten) {
            return new String[] {"flatten", "to a vector"};
        } else if (l instanceof Upsample2d u) {
            return new String[] {"up-sample", u.describe().substring("upsample".length()) + "×"};
        }
        throw new IllegalArgumentException("no diagram text for layer " + l.describe());
    }

    /** What each layer's twin does, as the twin row shows it (README, "The method, as this kit formulates it"). */
    static String[] twinText(Layer l) {
        if (l instanceof Conv2d c) {
            return new String[] {"conv " + c.kernel() + "×" + c.kernel() + "ᵀ", c.out() + "→" + c.in() + ", flipped"};
        } else if (l instanceof Dense d) {
            return new String[] {"δ·Wᵀ", d.out() + "→" + d.in()};
        } else if (l instanceof Relu) {
            return new String[] {"× mask", "where x > 0"};
        } else if (l instanceof MaxPool2d) {
            return new String[] {"route δ", "to the max"};
        } else if (l instanceof Flatten) {
            return new String[] {"reshape", "to maps"};
        } else if (l instanceof Upsample2d) {
            return new String[] {"sum δ", "over blocks"};
        }
        throw new IllegalArgumentException("no diagram text for layer " + l.describe());
    }

    // ------------------------------------------------------------------ painting

    /** Paints a layout: boxes over arrows, headings and brackets, on white. */
    public static BufferedImage paint(Layout layout) {
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

    // ------------------------------------------------------------------ measuring text

    private static final BufferedImage SCRATCH = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);

    static int textWidth(Font font, String text) {
        Graphics2D g = SCRATCH.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        FontMetrics m = g.getFontMetrics(font);
        int w = m.stringWidth(text);
        g.dispose();
        return w;
    }

    private static int boxWidth(String symbol, String subscript, String note) {
        return Math.max(textWidth(NAME, symbol) + 1 + textWidth(SUBSCRIPT, subscript), textWidth(NOTE, note)) + 2 * PAD;
    }
}
