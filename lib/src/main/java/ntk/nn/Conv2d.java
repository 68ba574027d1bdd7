package ntk.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A k×k convolution, stride 1, SAME padding, NCHW, weights W [k, k, in, out] and bias b [out].
 * Its twin is the transposed convolution with the same weight array (flipped and transposed).
 */
public record Conv2d(int kernel, int in, int out) implements Layer {
    public Conv2d {
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("convolution kernels must be odd (SAME padding keeps the size), got " + kernel);
        }
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("channel counts must be positive, got " + in + " -> " + out);
        }
    }

    @Override
    public Shape outputShape(Shape s) {
        if (!s.isImage() || s.channels() != in) {
            throw new IncompatibleShapeException(describe() + " needs an input of " + in + " channels [" + in + ", H, W], got " + s);
        }
        return Shape.image(out, s.height(), s.width());
    }

    @Override
    public Map<String, long[]> parameterShapes(Shape s) {
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put("W", new long[] {kernel, kernel, in, out});
        m.put("b", new long[] {out});
        return m;
    }

    @Override
    public SDVariable forward(SameDiff sd, SDVariable x, Function<String, SDVariable> p, Shape in) {
        return sd.cnn.conv2d(x, p.apply("W"), p.apply("b"), Conv2DConfig.builder()
                .kH(kernel).kW(kernel).paddingMode(PaddingMode.SAME).dataFormat("NCHW").build());
    }

    @Override
    public SDVariable twin(SameDiff sd, SDVariable delta, SDVariable x, SDVariable y, Function<String, SDVariable> p, Shape s) {
        // The transposed convolution is a convolution with the kernel flipped in space and its
        // channel axes swapped. Same result as deconv2d with W, but ND4J's conv2d (oneDNN) and its
        // gradient are several times faster than deconv2d's here.
        SDVariable w = p.apply("W").permute(0, 1, 3, 2);
        if (kernel > 1) {
            w = flipped(sd, w);
        }
        return sd.cnn.conv2d(delta, w, Conv2DConfig.builder()
                .kH(kernel).kW(kernel).paddingMode(PaddingMode.SAME).dataFormat("NCHW").build());
    }

    /**
     * W [k, k, a, b] turned by 180° in space, as a product with the k²×k² anti-identity: every
     * entry is copied exactly (one product by 1, the rest add zeros). ND4J 1.0.0-M2.1's reverse op
     * would be the obvious choice, but it leaks native memory on every call (about 250 KB for a
     * 3×3×32×16 kernel, measured here: 5 GB after 20,000 steps), which over the main job's
     * training runs grew the resident size by gigabytes.
     */
    private SDVariable flipped(SameDiff sd, SDVariable w) {
        int k2 = kernel * kernel;
        INDArray antiIdentity = Nd4j.zeros(w.dataType(), k2, k2);
        for (int i = 0; i < k2; i++) {
            antiIdentity.putScalar(i, k2 - 1 - i, 1);
        }
        return sd.mmul(sd.constant(antiIdentity), w.reshape(k2, out * in)).reshape(kernel, kernel, out, in);
    }

    @Override
    public String describe() {
        return "conv" + kernel + "x" + kernel + "(" + in + "->" + out + ")";
    }
}
