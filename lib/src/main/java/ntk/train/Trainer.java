package ntk.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.function.Supplier;
import ntk.backend.NativeMemory;
import ntk.backend.Quiet;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
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
            if (steps < 1 || learningRate <= 0 || batchSize < 1) { // SameDiff's fit fails on zero steps
                throw new IllegalArgumentException("training needs steps >= 1, learning rate > 0 and batch size >= 1, got "
                        + steps + ", " + learningRate + ", " + batchSize);
            }
        }

        public Settings withSteps(int s) {
            return new Settings(s, learningRate, batchSize);
        }
    }

    /** The training loss at some of the steps (1-based step numbers). */
    public record LossCurve(int[] steps, double[] values) {
        public double last() {
            return values[values.length - 1];
        }
    }

    /** The loss is evaluated at step 1, every {@value} steps and at the last step. */
    public static final int LOSS_EVERY = 10;

    /**
     * Trains the graph's variables to minimise {@code loss}. {@code placeholders} name what each
     * array returned by {@code batches} feeds, in order. Stops with {@link TrainingDivergedException}
     * as soon as a parameter stops being finite.
     */
    public static LossCurve fit(SameDiff sd, String loss, List<String> placeholders, Settings settings, Supplier<INDArray[]> batches) {
        sd.setLossVariables(loss);
        sd.setTrainingConfig(TrainingConfig.builder()
                .updater(new Adam(settings.learningRate()))
                .dataSetFeatureMapping(placeholders)
                .markLabelsUnused()
                .build());
        Quiet.sameDiff(() -> sd.createGradFunction());
        LossWatch watch = new LossWatch(loss, placeholders, settings);
        sd.fit(new Batches(settings.steps(), batches), 1, watch);
        return watch.curve();
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

    /**
     * Checks the parameters after every step and records the loss now and then. SameDiff 1.0.0-M2.1
     * runs only the gradient ops during fit (the loss it reports to listeners stays 0), so the
     * loss is computed here with one extra forward pass on the step's batch.
     */
    private static final class LossWatch extends BaseListener {
        private final String loss;
        private final List<String> placeholders;
        private final Settings settings;
        private final List<Integer> steps = new ArrayList<>();
        private final List<Double> values = new ArrayList<>();
        private int step;

        LossWatch(String loss, List<String> placeholders, Settings settings) {
            this.loss = loss;
            this.placeholders = placeholders;
            this.settings = settings;
        }

        @Override
        public boolean isActive(Operation operation) {
            return operation == Operation.TRAINING;
        }

        @Override
        public void iterationDone(SameDiff sd, At at, MultiDataSet data, Loss ignored) {
            step++;
            NativeMemory.releaseIfGrown(); // past steps' arrays wait for a collection (see NativeMemory)
            for (SDVariable v : sd.variables()) {
                if (v.getVariableType() == VariableType.VARIABLE && !Double.isFinite(v.getArr().sumNumber().doubleValue())) {
                    throw diverged("parameter " + v.name() + " became NaN or infinite");
                }
            }
            if (step == 1 || step % LOSS_EVERY == 0 || step == settings.steps()) {
                Map<String, INDArray> feed = new HashMap<>();
                for (int i = 0; i < placeholders.size(); i++) {
                    feed.put(placeholders.get(i), data.getFeatures(i));
                }
                double value = sd.output(feed, loss).get(loss).getDouble(0);
                if (!Double.isFinite(value)) {
                    throw diverged("the loss became " + value);
                }
                steps.add(step);
                values.add(value);
            }
        }

        private TrainingDivergedException diverged(String what) {
            return new TrainingDivergedException("training diverged at step " + step + " of " + settings.steps() + ": " + what
                    + " (learning rate " + settings.learningRate() + "). Lower the learning rate, or check the inputs for NaN or huge values.");
        }

        LossCurve curve() {
            return new LossCurve(steps.stream().mapToInt(Integer::intValue).toArray(), values.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }
}
