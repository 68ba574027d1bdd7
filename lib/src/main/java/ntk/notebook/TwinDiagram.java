package ntk.notebook;

import static ntk.notebook.DiagramLayout.MARGIN;
import static ntk.notebook.DiagramLayout.PAD;
import static ntk.notebook.DiagramPainter.HEADING;
import static ntk.notebook.DiagramPainter.NAME;
import static ntk.notebook.DiagramPainter.NOTE;
import static ntk.notebook.DiagramPainter.TEXT;
import static ntk.notebook.DiagramPainter.textWidth;

import java.util.ArrayList;
import java.util.List;
import ntk.notebook.DiagramLayout.Arrow;
import ntk.notebook.DiagramLayout.Box;
import ntk.notebook.DiagramLayout.Group;
import ntk.notebook.DiagramLayout.Kind;
import ntk.notebook.DiagramLayout.Text;
import ntk.nn.Conv2d;
import ntk.nn.Dense;
import ntk.nn.Flatten;
import ntk.nn.Layer;
import ntk.nn.MaxPool2d;
import ntk.nn.Module;
import ntk.nn.ModuleSpec;
import ntk.nn.Relu;
import ntk.nn.Shape;
import ntk.nn.Upsample2d;

/**
 * A chain's layers above their backward twins. Forward row: the input (x for a picture, z for
 * features), every layer of every module (bracketed by the modules' names), the output y. Twin
 * row below: the probe v at the output, each layer's twin under its layer, the input gradient Jᵀv
 * under x; arrows run right to left. A dashed line joins each layer to its twin: the twin reuses
 * the layer's weights, or the mask or switches its forward pass recorded.
 */
public final class TwinDiagram {
    private static final int BOX_HEIGHT = 44;
    private static final int GAP = 20;
    private static final int FORWARD_Y = MARGIN + 52; // room for the heading above the modules' brackets
    private static final int TWIN_Y = FORWARD_Y + BOX_HEIGHT + 60;

    private final List<Box> boxes = new ArrayList<>();
    private final List<Arrow> arrows = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();
    /** The left edge of the next column. */
    private int x = MARGIN;

    private TwinDiagram() {}

    /** The layers of {@code chain}, each module bracketed by its name in {@code moduleNames}, above their twins. */
    public static DiagramLayout layout(List<Module> chain, List<String> moduleNames) {
        if (chain.size() != moduleNames.size()) {
            throw new IllegalArgumentException(chain.size() + " modules need as many names, got " + moduleNames.size());
        }
        return new TwinDiagram().draw(chain, moduleNames);
    }

    private DiagramLayout draw(List<Module> chain, List<String> moduleNames) {
        String in = shapeText(chain.get(0).spec().input());
        String out = shapeText(chain.get(chain.size() - 1).spec().output());
        // the kit's notation: x is a picture, z = f_c(x) the features a chain after f_c starts from
        String inputName = chain.get(0).spec().role() == ModuleSpec.Role.CATEGORY ? "x" : "z";
        column(terminal("x", inputName, in, FORWARD_Y), terminal("gradient", "Jᵀv", in, TWIN_Y));
        String previous = "x";
        int index = 0;
        for (int m = 0; m < chain.size(); m++) {
            int groupStart = x;
            for (Layer l : chain.get(m).spec().layers()) {
                layerColumn(l, index);
                arrows.add(new Arrow(previous, "layer:" + index, false, false));
                arrows.add(new Arrow("layer:" + index, "twin:" + index, false, true));
                previous = "layer:" + index;
                index++;
            }
            groups.add(new Group(moduleNames.get(m), groupStart, x - GAP - groupStart, FORWARD_Y - 10));
        }
        column(terminal("y", "y", out, FORWARD_Y), terminal("v", "v", out, TWIN_Y));
        arrows.add(new Arrow(previous, "y", false, false));
        String previousTwin = "v";
        for (int i = index - 1; i >= 0; i--) {
            arrows.add(new Arrow(previousTwin, "twin:" + i, false, false));
            previousTwin = "twin:" + i;
        }
        arrows.add(new Arrow(previousTwin, "gradient", false, false));
        return withTexts(x - GAP);
    }

    /** The headings under the twin row; the picture as wide as its columns ({@code right}) and its texts. */
    private DiagramLayout withTexts(int right) {
        List<Text> texts = List.of(
                new Text("forward: the layers", MARGIN, MARGIN + 12, true),
                new Text("backward twin: each layer's input gradient, as ordinary ops on the same weights", MARGIN, TWIN_Y + BOX_HEIGHT + 22, true),
                new Text("dashed: the twin reuses its layer's weights, or the mask / switches the forward pass recorded",
                        MARGIN, TWIN_Y + BOX_HEIGHT + 40, false));
        int width = Math.max(right + MARGIN, textWidth(TEXT, texts.get(2).text()) + 2 * MARGIN);
        width = Math.max(width, textWidth(HEADING, texts.get(1).text()) + 2 * MARGIN);
        return new DiagramLayout(width, TWIN_Y + BOX_HEIGHT + 40 + MARGIN, boxes, arrows, texts, groups);
    }

    /** A layer above its twin, both as wide as the wider text and at least 56 pixels. */
    private void layerColumn(Layer l, int index) {
        String[] f = forwardText(l);
        String[] t = twinText(l);
        int w = Math.max(56, Math.max(Math.max(textWidth(NAME, f[0]), textWidth(NOTE, f[1])),
                Math.max(textWidth(NAME, t[0]), textWidth(NOTE, t[1]))) + 2 * PAD);
        column(new Box("layer:" + index, Kind.LAYER, f[0], "", f[1], false, x, FORWARD_Y, w, BOX_HEIGHT),
                new Box("twin:" + index, Kind.TWIN, t[0], "", t[1], false, x, TWIN_Y, w, BOX_HEIGHT));
    }

    /** Adds a forward box above a twin-row box at the current column, both as wide as the wider, and moves right. */
    private void column(Box forward, Box twin) {
        int w = Math.max(forward.width(), twin.width());
        boxes.add(forward.withWidth(w));
        boxes.add(twin.withWidth(w));
        x += w + GAP;
    }

    private Box terminal(String id, String name, String note, int y) {
        int w = Math.max(textWidth(NAME, name), textWidth(NOTE, note)) + 2 * PAD;
        return new Box(id, Kind.TERMINAL, name, "", note, false, x, y, w, BOX_HEIGHT);
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
}
