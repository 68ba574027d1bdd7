package ntk.backend;

import java.util.Map;
import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * One tiny training step on the calling thread before workers start: ND4J initialises its op
 * registry and class mappings lazily and does not document that as thread-safe, so the first use
 * should not happen on two workers at once. Cheap insurance (well under a second).
 */
final class WarmUp {
    private static boolean done;

    private WarmUp() {}

    static synchronized void once() {
        if (done) {
            return;
        }
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 1, 4, 4);
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, 1);
        SDVariable h = sd.cnn.conv2d(x, sd.var("w", Nd4j.ones(DataType.FLOAT, 3, 3, 1, 2)), sd.var("b", Nd4j.zeros(DataType.FLOAT, 2)),
                Conv2DConfig.builder().kH(3).kW(3).paddingMode(PaddingMode.SAME).dataFormat("NCHW").build());
        h = sd.cnn.maxPooling2d(sd.nn.relu(h, 0), Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).isNHWC(false).build());
        h = h.reshape(-1, 8).mmul(sd.var("d", Nd4j.ones(DataType.FLOAT, 8, 1)));
        sd.loss.sigmoidCrossEntropy("loss", y, h, null, LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT, 0.0);
        sd.setLossVariables("loss");
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(1e-3)).dataSetFeatureMapping("x", "y").markLabelsUnused().build());
        Quiet.sameDiff(() -> sd.fit(new MultiDataSet(new org.nd4j.linalg.api.ndarray.INDArray[] {
            Nd4j.rand(DataType.FLOAT, 2, 1, 4, 4), Nd4j.ones(DataType.FLOAT, 2, 1)}, new org.nd4j.linalg.api.ndarray.INDArray[0])));
        sd.output(Map.of("x", Nd4j.rand(DataType.FLOAT, 2, 1, 4, 4), "y", Nd4j.ones(DataType.FLOAT, 2, 1)), "loss");
        done = true;
    }
}
