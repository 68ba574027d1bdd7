package ntk.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import ntk.backend.Quiet;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.ListenerResponse;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Runs Adam on a SameDiff graph for a fixed number of steps, feeding the named placeholders from a
 * batch supplier, and stops with a clear error if the loss stops being a finite number.
 */
public final class Trainer {
    private Trainer() {}

    /** Steps, learning rate and batch size of one training run. */
    public record Settings(int steps, double learningRate, int batchSize) {
        public Settings {
            if (steps < 0 || learningRate <= 0 || batchSize < 1) {
                throw new IllegalArgumentException("training needs steps >= 0, learning rate > 0 and batch size >= 1, got "
                        + steps + ", " + learningRate + ", " + batchSize);
            }
        }

        public Settings withSteps(int s) {
            return new Settings(s, learningRate, batchSize);
        }
    }

    /**
     * Trains the graph's variables to minimise {@code loss}. {@code placeholders} name what each
     * array returned by {@code batches} feeds, in order. Returns the loss after every step.
     */
    public static double[] fit(SameDiff sd, String loss, List<String> placeholders, Settings settings, Supplier<INDArray[]> batches) {
        sd.setLossVariables(loss);
        sd.setTrainingConfig(TrainingConfig.builder()
                .updater(new Adam(settings.learningRate()))
                .dataSetFeatureMapping(placeholders)
                .markLabelsUnused()
                .build());
        Quiet.sameDiff(() -> sd.createGradFunction());
        LossWatch watch = new LossWatch(loss, settings);
        sd.fit(new Batches(settings.steps(), batches), 1, watch);
        return watch.values();
    }

    /** Feeds {@code steps} batches, one per step. */
    private static final class Batches implements MultiDataSetIterator {
        private final int steps;
        private final Supplier<INDArray[]> source;
        private int done;

        Batches(int steps, Supplier<INDArray[]> source) {
            this.steps = steps;
            this.source = source;
        }

        @Override
        public boolean hasNext() {
            return done < steps;
        }

        @Override
        public MultiDataSet next() {
            done++;
            return new org.nd4j.linalg.dataset.MultiDataSet(source.get(), new INDArray[0]);
        }

        @Override
        public MultiDataSet next(int num) {
            return next();
        }

        @Override
        public void setPreProcessor(MultiDataSetPreProcessor p) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MultiDataSetPreProcessor getPreProcessor() {
            return null;
        }

        @Override
        public boolean resetSupported() {
            return false;
        }

        @Override
        public boolean asyncSupported() {
            return false;
        }

        @Override
        public void reset() {
            throw new UnsupportedOperationException("training batches are consumed once");
        }
    }

    /** Records the loss and fails fast when it is NaN or infinite. */
    private static final class LossWatch extends BaseListener {
        private final String loss;
        private final Settings settings;
        private final List<Double> values = new ArrayList<>();

        LossWatch(String loss, Settings settings) {
            this.loss = loss;
            this.settings = settings;
        }

        @Override
        public boolean isActive(Operation operation) {
            return operation == Operation.TRAINING;
        }

        @Override
        public void iterationDone(SameDiff sd, At at, MultiDataSet data, Loss l) {
            double v = l.totalLoss();
            values.add(v);
            if (!Double.isFinite(v)) {
                throw new TrainingDivergedException("training loss '" + loss + "' became " + v + " at step " + values.size()
                        + " of " + settings.steps() + " (learning rate " + settings.learningRate()
                        + "). Lower the learning rate, or check the inputs for NaN or huge values.");
            }
        }

        @Override
        public ListenerResponse epochEnd(SameDiff sd, At at, org.nd4j.autodiff.listeners.records.LossCurve lc, long ms) {
            return ListenerResponse.CONTINUE;
        }

        double[] values() {
            return values.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
