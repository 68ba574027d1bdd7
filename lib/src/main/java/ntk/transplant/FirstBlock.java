package ntk.transplant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ntk.nn.ForwardPass;
import ntk.nn.IncompatibleShapeException;
import ntk.nn.Layer;
import ntk.nn.MaxPool2d;
import ntk.nn.Module;
import ntk.nn.ModuleSpec;
import ntk.nn.Shape;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A second place for back-distillation to match the backward signal: the output of the category
 * module's first block (up to its first pooling layer). The frozen rest of f_c carries both
 * backward signals there (z = upper(a), so J_upperᵀ applied to the student's and to the teacher's
 * signal at z); because f_c is the teacher's own, the two are directly comparable there too.
 *
 * @param upper     f_c's layers after its first block, frozen: f_c(x) = upper(a(x))
 * @param labeled   a(x) of the annotated images, row for row with their features
 * @param unlabeled a(x) of the unlabeled pool, row for row with its features
 */
public record FirstBlock(Module upper, INDArray labeled, INDArray unlabeled) {

    public FirstBlock {
        Shape a = upper.spec().input();
        for (INDArray rows : List.of(labeled, unlabeled)) {
            if (!java.util.Arrays.equals(rows.shape(), a.withBatch(rows.size(0)))) {
                throw new IncompatibleShapeException("first-block outputs have shape " + java.util.Arrays.toString(rows.shape())
                        + ", the rest of the category module takes [n, " + a.toString().substring(1));
            }
        }
    }

    /** f_c cut after its first pooling layer: the first block and the rest, each with its own parameters. */
    public static Module[] split(Module categoryModule) {
        List<Layer> layers = categoryModule.spec().layers();
        int cut = 0;
        while (cut < layers.size() && !(layers.get(cut) instanceof MaxPool2d)) {
            cut++;
        }
        if (cut >= layers.size() - 1) {
            throw new IllegalArgumentException("a category module needs a pooling layer with layers after it to be cut after its first block: "
                    + categoryModule.spec().describe());
        }
        return new Module[] {part(categoryModule, 0, cut + 1), part(categoryModule, cut + 1, layers.size())};
    }

    /** Layers [from, to) of {@code m} as a module of their own (parameters renumbered from 0). */
    private static Module part(Module m, int from, int to) {
        ModuleSpec spec = m.spec();
        Map<String, INDArray> params = new LinkedHashMap<>();
        m.parameters().forEach((name, value) -> {
            int layer = Integer.parseInt(name.substring(0, name.indexOf('.')));
            if (layer >= from && layer < to) {
                params.put((layer - from) + name.substring(name.indexOf('.')), value);
            }
        });
        return new Module(new ModuleSpec(spec.role(), spec.inputOf(from), spec.layers().subList(from, to)), params);
    }

    /** The first-block outputs of both image sets ([n, channels, height, width] at any size f_c takes). */
    public static FirstBlock of(Module categoryModule, INDArray labeledImages, INDArray unlabeledImages) {
        Module[] parts = null;
        INDArray[] outs = new INDArray[2];
        INDArray[] in = {labeledImages, unlabeledImages};
        for (int i = 0; i < 2; i++) {
            long[] s = in[i].shape();
            Module[] p = split(categoryModule.withInput(Shape.image((int) s[1], (int) s[2], (int) s[3])));
            parts = parts == null ? p : parts;
            outs[i] = s[0] == 0 ? Nd4j.zeros(in[i].dataType(), p[0].spec().output().withBatch(0)) : new ForwardPass(p[0]).apply(in[i]);
        }
        return new FirstBlock(parts[1], outs[0], outs[1]);
    }
}
