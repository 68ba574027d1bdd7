package ntk.nn;

import java.util.Map;
import java.util.function.Function;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

/**
 * Non-overlapping size×size max-pooling (NCHW). Its twin "un-pools": it copies δ back to the
 * window's maximum, found by comparing the input with the up-sampled output. If a window holds
 * several equal maxima, each receives δ (real max-pool backprop picks one); with random inputs
 * that has probability zero, and after a ReLU ties only occur at zeros, which the ReLU's twin
 * then gates off anyway.
 */
public record MaxPool2d(int size) implements Layer {
    /** The input equals the window maximum exactly there; step(t, -tiny) turns t == 0 into 1. */
    private static final double TIE_CUTOFF = -1e-30;

    public MaxPool2d {
        if (size < 2) {
            throw new IllegalArgumentException("max-pool size must be at least 2, got " + size);
        }
    }

    @Override
    public Shape outputShape(Shape s) {
        if (!s.isImage() || s.height() % size != 0 || s.width() % size != 0) {
            throw new IncompatibleShapeException(describe() + " needs an image whose height and width are multiples of " + size + ", got " + s);
        }
        return Shape.image(s.channels(), s.height() / size, s.width() / size);
    }

    @Override
    public Map<String, long[]> parameterShapes(Shape in) {
        return Map.of();
    }

    @Override
    public SDVariable forward(SameDiff sd, SDVariable x, Function<String, SDVariable> p, Shape in) {
        return sd.cnn.maxPooling2d(x, Pooling2DConfig.builder().kH(size).kW(size).sH(size).sW(size)
                .paddingMode(PaddingMode.VALID).isNHWC(false).build());
    }

    @Override
    public SDVariable twin(SameDiff sd, SDVariable delta, SDVariable x, SDVariable y, Function<String, SDVariable> p, Shape in) {
        SDVariable winners = sd.math.step(x.sub(sd.cnn.upsampling2d(y, size, size, true)), TIE_CUTOFF);
        return sd.cnn.upsampling2d(delta, size, size, true).mul(winners);
    }

    @Override
    public String describe() {
        return "maxpool" + size;
    }
}
