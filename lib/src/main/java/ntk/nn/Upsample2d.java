package ntk.nn;

import java.util.Map;
import java.util.function.Function;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

/**
 * Nearest-neighbour up-sampling by an integer factor (NCHW): each pixel becomes a factor×factor
 * block. It is linear, so its twin is its transpose: the sum of δ over each block (an average
 * pool times factor²). Decoders use it to go from feature resolution back to pixels.
 */
public record Upsample2d(int factor) implements Layer {
    public Upsample2d {
        if (factor < 2) {
            throw new IllegalArgumentException("up-sampling factor must be at least 2, got " + factor);
        }
    }

    @Override
    public Shape outputShape(Shape s) {
        if (!s.isImage()) {
            throw new IncompatibleShapeException(describe() + " needs an image [C, H, W], got " + s);
        }
        return Shape.image(s.channels(), s.height() * factor, s.width() * factor);
    }

    @Override
    public Map<String, long[]> parameterShapes(Shape in) {
        return Map.of();
    }

    @Override
    public SDVariable forward(SameDiff sd, SDVariable x, Function<String, SDVariable> p, Shape in) {
        return sd.cnn.upsampling2d(x, factor, factor, true);
    }

    @Override
    public SDVariable twin(SameDiff sd, SDVariable delta, SDVariable x, SDVariable y, Function<String, SDVariable> p, Shape in) {
        SDVariable mean = sd.cnn.avgPooling2d(delta, Pooling2DConfig.builder().kH(factor).kW(factor).sH(factor).sW(factor)
                .paddingMode(PaddingMode.VALID).isNHWC(false).build());
        return mean.mul(factor * factor);
    }

    @Override
    public String describe() {
        return "upsample" + factor;
    }
}
