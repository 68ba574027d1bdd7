package ntk.notebook;

import static ntk.notebook.DiagramLayout.MARGIN;
import static ntk.notebook.DiagramLayout.PAD;
import static ntk.notebook.DiagramPainter.HEADING;
import static ntk.notebook.DiagramPainter.NAME;
import static ntk.notebook.DiagramPainter.NOTE;
import static ntk.notebook.DiagramPainter.SUBSCRIPT;
import static ntk.notebook.DiagramPainter.textWidth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.ToIntFunction;
import ntk.data.Category;
import ntk.generic.GenericNetwork;
import ntk.generic.Task;
import ntk.notebook.DiagramLayout.Arrow;
import ntk.notebook.DiagramLayout.Box;
import ntk.notebook.DiagramLayout.Kind;
import ntk.notebook.DiagramLayout.Text;
import ntk.nn.Module;

/**
 * The generic network in three columns — category modules f_c, adapters h_{c,t}, task modules
 * g_t — with an arrow for every step of every route c → t. A category without an adapter keeps
 * its f_c box and no arrow; a task without a route keeps its g_t box.
 */
public final class GenericNetworkDiagram {
    private static final int TOP = MARGIN + 24;

    /** Box height and the gaps between rows, category blocks and columns. */
    private record Spacing(int boxHeight, int rowGap, int categoryGap, int columnGap) {
        static final Spacing FULL = new Spacing(40, 6, 14, 70);
        static final Spacing COMPACT = new Spacing(26, 4, 8, 44);
    }

    /** The left edges and widths of the three columns. */
    private record Columns(int fx, int fWidth, int hx, int hWidth, int gx, int gWidth) {}

    private final GenericNetwork net;
    private final boolean compact;
    private final Spacing spacing;
    private final List<Box> boxes = new ArrayList<>();
    private final List<Arrow> arrows = new ArrayList<>();

    private GenericNetworkDiagram(GenericNetwork net, boolean compact) {
        this.net = net;
        this.compact = compact;
        this.spacing = compact ? Spacing.COMPACT : Spacing.FULL;
    }

    /** The modules of {@code net} among the {@code shown} categories, those of {@code highlighted} drawn as new. */
    public static DiagramLayout layout(GenericNetwork net, Collection<Category> shown, Collection<Category> highlighted) {
        return layout(net, shown, highlighted, false);
    }

    /** As above; {@code compact} leaves out the parameter counts and tightens the spacing, for panels side by side. */
    static DiagramLayout layout(GenericNetwork net, Collection<Category> shown, Collection<Category> highlighted, boolean compact) {
        return new GenericNetworkDiagram(net, compact).draw(shown, highlighted);
    }

    private DiagramLayout draw(Collection<Category> shown, Collection<Category> highlighted) {
        List<Category> categories = net.categories().stream().filter(shown::contains).toList();
        List<Task> tasks = List.copyOf(net.tasks());
        List<GenericNetwork.Route> routes = net.routes().stream().filter(r -> shown.contains(r.category())).toList();
        String[] headings = compact ? new String[] {"category modules", "adapters", "task modules"}
                : new String[] {"category modules (frozen)", "adapters (one per category and task)", "task modules (shared)"};
        Columns columns = columns(categories, routes, tasks, headings);
        int bottom = categoryRows(categories, routes, highlighted, columns);
        taskColumn(tasks, columns, bottom);
        List<Text> texts = List.of(new Text(headings[0], columns.fx(), MARGIN + 12, true),
                new Text(headings[1], columns.hx(), MARGIN + 12, true), new Text(headings[2], columns.gx(), MARGIN + 12, true));
        return new DiagramLayout(columns.gx() + columns.gWidth() + MARGIN, bottom + MARGIN, boxes, arrows, texts, List.of());
    }

    /** Each column as wide as its widest box and its heading; the adapters' at least 120 pixels. */
    private Columns columns(List<Category> categories, List<GenericNetwork.Route> routes, List<Task> tasks, String[] headings) {
        int fWidth = Math.max(widest(categories, c -> boxWidth("f", c.id(), note(net.categoryModule(c)))), textWidth(HEADING, headings[0]));
        int hWidth = Math.max(Math.max(widest(routes, r -> boxWidth("h", adapterSubscript(r), note(net.adapter(r.category(), r.task())))), 120),
                textWidth(HEADING, headings[1]));
        int gWidth = Math.max(widest(tasks, t -> boxWidth("g", t.id(), note(net.taskModule(t)))), textWidth(HEADING, headings[2]));
        int fx = MARGIN;
        int hx = fx + fWidth + spacing.columnGap();
        int gx = hx + hWidth + spacing.columnGap();
        return new Columns(fx, fWidth, hx, hWidth, gx, gWidth);
    }

    /**
     * One block per category: its adapters stacked in the middle column, its f_c box level with
     * their middle, arrows f_c → h_{c,t} → g_t. Returns the bottom of the last block.
     */
    private int categoryRows(List<Category> categories, List<GenericNetwork.Route> routes, Collection<Category> highlighted, Columns col) {
        int boxHeight = spacing.boxHeight();
        int y = TOP;
        for (Category c : categories) {
            boolean isNew = highlighted.contains(c);
            List<GenericNetwork.Route> own = routes.stream().filter(r -> r.category() == c).toList();
            int rows = Math.max(1, own.size());
            int blockHeight = rows * boxHeight + (rows - 1) * spacing.rowGap();
            Box f = new Box("f:" + c.id(), Kind.CATEGORY, "f", c.id(), note(net.categoryModule(c)), isNew,
                    col.fx(), y + (blockHeight - boxHeight) / 2, col.fWidth(), boxHeight);
            boxes.add(f);
            int hy = y;
            for (GenericNetwork.Route r : own) {
                Box h = new Box("h:" + c.id() + ":" + r.task().id(), Kind.ADAPTER, "h", adapterSubscript(r),
                        note(net.adapter(c, r.task())), isNew, col.hx(), hy, col.hWidth(), boxHeight);
                boxes.add(h);
                arrows.add(new Arrow(f.id(), h.id(), isNew, false));
                arrows.add(new Arrow(h.id(), "g:" + r.task().id(), isNew, false));
                hy += boxHeight + spacing.rowGap();
            }
            y += blockHeight + spacing.categoryGap();
        }
        return Math.max(y - spacing.categoryGap(), TOP + boxHeight);
    }

    /** The task modules spread evenly over the column's height, so that their fans of arrows stay apart. */
    private void taskColumn(List<Task> tasks, Columns col, int bottom) {
        int span = bottom - TOP;
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            int gy = TOP + (int) Math.round(span * (i + 0.5) / tasks.size()) - spacing.boxHeight() / 2;
            boxes.add(new Box("g:" + t.id(), Kind.TASK, "g", t.id(), note(net.taskModule(t)), false, col.gx(), gy, col.gWidth(),
                    spacing.boxHeight()));
        }
    }

    /** The widest of the items' boxes, 0 for none. */
    private static <T> int widest(List<T> items, ToIntFunction<T> width) {
        return items.stream().mapToInt(width).max().orElse(0);
    }

    private String note(Module m) {
        return compact ? "" : String.format("%,d parameters", m.parameterCount());
    }

    private static String adapterSubscript(GenericNetwork.Route r) {
        return r.category().id() + ", " + r.task().id();
    }

    private static int boxWidth(String symbol, String subscript, String note) {
        return Math.max(textWidth(NAME, symbol) + 1 + textWidth(SUBSCRIPT, subscript), textWidth(NOTE, note)) + 2 * PAD;
    }
}
