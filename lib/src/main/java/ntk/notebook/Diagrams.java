package ntk.notebook;

import java.awt.image.BufferedImage;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import ntk.data.Category;
import ntk.generic.GenericNetwork;
import ntk.nn.Module;

/**
 * Pictures of the kit's networks for {@code display(...)}, drawn from the objects themselves so
 * that they cannot drift from the code. Each is laid out by its own class
 * ({@link GenericNetworkDiagram}, {@link TwinDiagram}, {@link GrowthDiagram}) as a
 * {@link DiagramLayout} and then painted.
 */
public final class Diagrams {
    private Diagrams() {}

    /** The whole network: every category module, adapter and task module, and the routes through them. */
    public static BufferedImage genericNetwork(GenericNetwork net) {
        return GenericNetworkDiagram.layout(net, net.categories(), Set.of()).paint();
    }

    /** The whole network, with the modules of the {@code highlighted} categories drawn as new. */
    public static BufferedImage genericNetwork(GenericNetwork net, Collection<Category> highlighted) {
        return GenericNetworkDiagram.layout(net, net.categories(), highlighted).paint();
    }

    /** The layers of {@code chain} left to right, and under them their backward twins running right to left. */
    public static BufferedImage twin(List<Module> chain, List<String> moduleNames) {
        return TwinDiagram.layout(chain, moduleNames).paint();
    }

    /**
     * One panel per step of LEGO on {@code grown}: first its categories other than {@code added},
     * then each of {@code added} joining in order, its new modules highlighted. {@code columns}
     * panels side by side.
     */
    public static BufferedImage growth(GenericNetwork grown, List<Category> added, int columns) {
        return GrowthDiagram.picture(grown, added, columns);
    }
}
