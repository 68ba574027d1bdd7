package ntk.nn;

import java.util.Map;
import java.util.function.Function;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * One piecewise-linear layer: its forward op and its <em>backward twin</em>.
 *
 * <p>The twin computes {@code J(x)ᵀ δ}, the layer's input gradient for an output gradient δ, as
 * ordinary forward ops on the layer's own weight variables, gated by masks recorded in the forward
 * pass. Because the masks are piecewise constant, differentiating the twin with respect to the
 * weights is exact almost everywhere, and no second-order autodiff is needed.
 */
public sealed interface Layer permits Conv2d, Relu, MaxPool2d, Upsample2d, Flatten, Dense {
    /** The output shape for {@code in}; throws {@link IncompatibleShapeException} if it does not fit. */
    Shape outputShape(Shape in);

    /** Parameter names and shapes (without batch axis), e.g. "W" and "b". */
    Map<String, long[]> parameterShapes(Shape in);

    /** {@code y = layer(x)}; {@code param} resolves this layer's parameters by name. */
    SDVariable forward(SameDiff sd, SDVariable x, Function<String, SDVariable> param, Shape in);

    /** {@code J(x)ᵀ δ}, given the forward pass's input {@code x} and output {@code y}. */
    SDVariable twin(SameDiff sd, SDVariable delta, SDVariable x, SDVariable y, Function<String, SDVariable> param, Shape in);

    /** A short text such as "conv3x3(32->32)". */
    String describe();
}
