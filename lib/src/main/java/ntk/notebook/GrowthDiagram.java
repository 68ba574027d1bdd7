package ntk.notebook;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import ntk.data.Category;
import ntk.generic.GenericNetwork;

/**
 * The generic network growing one category at a time (LEGO): one compact panel per step, first
 * the network without the added categories, then each of them joining in order, its new modules
 * highlighted.
 */
public final class GrowthDiagram {
    private GrowthDiagram() {}

    /** The panels of {@link #layouts}, {@code columns} side by side, titled "base", "step 1: + sneaker", .... */
    public static BufferedImage picture(GenericNetwork grown, List<Category> added, int columns) {
        List<BufferedImage> images = layouts(grown, added).stream().map(DiagramLayout::paint).toList();
        List<String> titles = new ArrayList<>();
        titles.add("base");
        added.forEach(c -> titles.add("step " + titles.size() + ": + " + c.id()));
        return DiagramPainter.panels(images, titles, columns);
    }

    /** Panel k shows {@code grown}'s categories other than {@code added}, and the first k of {@code added}. */
    public static List<DiagramLayout> layouts(GenericNetwork grown, List<Category> added) {
        for (Category c : added) {
            grown.categoryModule(c); // names a category the network lacks
        }
        Set<Category> shown = new LinkedHashSet<>(grown.categories());
        shown.removeAll(added);
        List<DiagramLayout> out = new ArrayList<>();
        out.add(GenericNetworkDiagram.layout(grown, shown, Set.of(), true));
        for (Category c : added) {
            shown.add(c);
            out.add(GenericNetworkDiagram.layout(grown, shown, Set.of(c), true));
        }
        return out;
    }
}
