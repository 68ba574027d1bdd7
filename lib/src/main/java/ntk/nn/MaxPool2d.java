package ntk.nn;

import java.util.Map;
import java.util.function.Function;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

/**
 * Non-overlapping size×size max-pooling (NCHW). Its twin "un-pools": it copies δ back to ONE
 * maximum per window, the first in row-major order within the window — the element ND4J's own
 * max-pool backprop picks (seen on the CPU backend, both native flavours, float and double;
 * MaxPoolTieTest holds the twin to it). Ties are common: on Fashion-MNIST's exactly-zero background the first
 * convolution outputs its bias, which a ReLU keeps when positive, so whole windows hold the same
 * positive value. Sending δ to every tied element there would not be a gradient.
 */
public record MaxPool2d(int size) implements Layer {
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
        int c = in.channels(), h = in.height() / size, w = in.width() / size, cells = size * size;
        // [N, C, h, w, size·size]: each window's elements in row-major order, so argmax (the first
        // maximum on ties) picks what maxpool2d_bp picks; the integer index carries no gradient.
        SDVariable windows = sd.reshape(sd.permute(sd.reshape(x, -1, c, h, size, w, size), 0, 1, 2, 4, 3, 5), -1, c, h, w, cells);
        SDVariable winner = sd.oneHot(sd.argmax(windows, 4), cells, -1, 1.0, 0.0, delta.dataType());
        SDVariable routed = winner.mul(sd.expandDims(delta, 4));
        return sd.reshape(sd.permute(sd.reshape(routed, -1, c, h, w, size, size), 0, 1, 2, 4, 3, 5), -1, c, in.height(), in.width());
    }

    @Override
    public String describe() {
        return "maxpool" + size;
    }
}
