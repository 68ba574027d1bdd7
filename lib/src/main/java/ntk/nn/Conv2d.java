package ntk.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

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
            w = sd.reverse(w, 0, 1);
        }
        return sd.cnn.conv2d(delta, w, Conv2DConfig.builder()
                .kH(kernel).kW(kernel).paddingMode(PaddingMode.SAME).dataFormat("NCHW").build());
    }

    @Override
    public String describe() {
        return "conv" + kernel + "x" + kernel + "(" + in + "->" + out + ")";
    }
}
