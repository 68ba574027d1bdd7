package ntk.transplant;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import ntk.backend.NativeMemory;
import ntk.backend.Workers;
import ntk.data.Datasets;
import ntk.generic.Task;
import ntk.nn.Shape;
import ntk.train.Teacher;
import ntk.train.Trainer;
import ntk.train.TrainingDivergedException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inputs made by the teacher itself: starting from jittered real images (or, with none, from
 * smooth random noise), Adam steps on the <em>pixels</em> through the frozen teacher g_T(f_c(x))
 * drive its output to a target, under image priors (total variation, L2) that keep the result
 * smooth and dark like the real images. A share of the inputs aims at a positive logit, the rest
 * at a negative one, so the pool holds both sides of the category's boundary even when the real
 * images hold no positive (or there are none).
 *
 * <p>Three things keep the inputs from becoming adversarial speckle: each step shows the teacher
 * every input shifted by a fresh random offset (up to {@code jitter} pixels), so an input must
 * reach its target wherever it sits; the teacher's gradient is blurred; and Adam scales each
 * image's step as a whole, not pixel by pixel. Pixels are clipped to [0, 1] after each step.
 * Classification: the first {@link Settings#positives()} inputs aim at logit +m, the others at
 * −m. Segmentation (kept simple): a positive input aims at +m inside a random item-sized elliptic
 * blob and −m outside it, a negative input at −m on every pixel; the error is averaged over pixels.
 *
 * <p>Each step is one small SameDiff pass over all inputs; run it on a {@link Workers} thread
 * ({@link #synthesiseOnWorker}) or after {@link Workers#singleThreadedNatives()}: with OpenMP's
 * threads on a busy 2-core machine it ran about 20 times slower.
 */
public final class TeacherSynthesis implements PoolExpansion {
    /**
     * @param count            inputs to synthesise
     * @param steps            Adam steps on the pixels (0 returns the start points)
     * @param learningRate     Adam's step size, in pixel units (pixels are in [0, 1])
     * @param tvWeight         weight of the total variation (mean squared difference of neighbouring pixels)
     * @param l2Weight         weight of the mean squared pixel: a dark background
     * @param targetLogit      magnitude m of the target logits ±m (4: probability 0.98 or 0.02)
     * @param positiveFraction share of the inputs aimed at +m (rounded to whole inputs)
     * @param jitter           largest random shift, in pixels, of the inputs the teacher sees at each step
     * @param gradientBlur     standard deviation, in pixels, of a Gaussian blur of the teacher's gradient
     *                         at each step (0 for none): max-pooling routes the gradient to single
     *                         pixels, and without the blur the inputs fill with speckle
     */
    public record Settings(int count, int steps, double learningRate, double tvWeight, double l2Weight,
            double targetLogit, double positiveFraction, int jitter, double gradientBlur) {
        public Settings {
            if (count < 0) {
                throw new IllegalArgumentException("count must be >= 0 inputs, got " + count);
            }
            if (steps < 0) {
                throw new IllegalArgumentException("steps must be >= 0, got " + steps);
            }
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("learningRate must be finite and > 0, got " + learningRate);
            }
            requireWeight("tvWeight", tvWeight);
            requireWeight("l2Weight", l2Weight);
            if (!(targetLogit > 0) || !Double.isFinite(targetLogit)) {
                throw new IllegalArgumentException("targetLogit must be finite and > 0 (the magnitude of ±m), got " + targetLogit);
            }
            if (!(positiveFraction >= 0 && positiveFraction <= 1)) {
                throw new IllegalArgumentException("positiveFraction must be in [0, 1], got " + positiveFraction);
            }
            if (jitter < 0) {
                throw new IllegalArgumentException("jitter must be >= 0 pixels, got " + jitter);
            }
            if (!(gradientBlur >= 0) || !Double.isFinite(gradientBlur)) {
                throw new IllegalArgumentException("gradientBlur must be finite and >= 0 pixels, got " + gradientBlur);
            }
        }

        private static void requireWeight(String name, double w) {
            if (!(w >= 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException(name + " must be finite and >= 0, got " + w);
            }
        }

        /**
         * 100 inputs, half aimed at ±4; 150 steps of 0.03; TV weight 100, L2 weight 30; jitter 3,
         * gradient blur 1: the starting point, first picked by eye on a sandal teacher (smooth, dark,
         * structured inputs). {@code tune} re-chooses all of them but the count (as many as a
         * 100-image pool) and the half-and-half split on pseudo-new categories' validation scores.
         */
        public static Settings defaults() {
            return new Settings(100, 150, 0.03, 100, 30, 4.0, 0.5, 3, 1.0);
        }

        public Settings withCount(int n) {
            return new Settings(n, steps, learningRate, tvWeight, l2Weight, targetLogit, positiveFraction, jitter, gradientBlur);
        }

        public Settings withSteps(int s) {
            return new Settings(count, s, learningRate, tvWeight, l2Weight, targetLogit, positiveFraction, jitter, gradientBlur);
        }

        public Settings withPriors(double tv, double l2) {
            return new Settings(count, steps, learningRate, tv, l2, targetLogit, positiveFraction, jitter, gradientBlur);
        }

        public Settings withLearningRate(double lr) {
            return new Settings(count, steps, lr, tvWeight, l2Weight, targetLogit, positiveFraction, jitter, gradientBlur);
        }

        public Settings withTargetLogit(double m) {
            return new Settings(count, steps, learningRate, tvWeight, l2Weight, m, positiveFraction, jitter, gradientBlur);
        }

        /** The two regularisers of the steps themselves: random shifts of up to {@code j} pixels, and the gradient's blur. */
        public Settings withRegularisers(int j, double blur) {
            return new Settings(count, steps, learningRate, tvWeight, l2Weight, targetLogit, positiveFraction, j, blur);
        }

        /** How many of the inputs aim at +m: the first ones. */
        public int positives() {
            return (int) Math.round(count * positiveFraction);
        }
    }

    /**
     * What one synthesis made: the inputs, their targets (shaped like the teacher's outputs), the
     * start points, the teacher's outputs on the inputs, how many (the first) aimed at +m, and the
     * loss (target error plus priors, mean over inputs) during the steps.
     */
    public record Synthesis(INDArray images, INDArray targets, INDArray starts, INDArray teacherOutputs,
            int positives, Trainer.LossCurve loss) {}

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final Settings settings;

    public TeacherSynthesis(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public String name() {
        return "synthesis";
    }

    /** The real images, then {@code count} synthesised inputs. */
    @Override
    public INDArray expand(INDArray realImages, Teacher teacher, Task task, long seed) {
        Shape in = task.input(teacher.itemShape());
        PixelBatch real = PixelBatch.of(realImages, task, in);
        if (settings.count() == 0) {
            return real.toArray();
        }
        return real.concat(PixelBatch.of(synthesise(realImages, teacher, task, seed).images(), task, in)).toArray();
    }

    /**
     * {@link #synthesise} on one of the kit's worker threads, whose natives run single-threaded
     * (see the class comment): for a caller outside a {@link Workers} job, such as a notebook cell.
     */
    public Synthesis synthesiseOnWorker(INDArray realImages, Teacher teacher, Task task, long seed) {
        return Workers.map(List.of(seed), s -> synthesise(realImages, teacher, task, s)).get(0);
    }

    /**
     * The gradient of the priors at one h×w image stored row by row, as each step adds it to the
     * teacher's: of λ_TV · (mean over neighbouring pixel pairs, down and right, of their squared
     * difference) + λ_2 · (mean squared pixel).
     */
    public static float[] priorGradient(float[] image, int height, int width, double tvWeight, double l2Weight) {
        if (image.length != height * width) {
            throw new IllegalArgumentException(image.length + " pixels for a " + height + "×" + width + " image");
        }
        float[] gradient = new float[image.length];
        new ImagePriors(tvWeight, l2Weight).addGradient(image, height, width, gradient);
        return gradient;
    }

    /** Synthesises {@code count} inputs, starting from jittered {@code realImages} (zero rows: smooth noise). */
    public Synthesis synthesise(INDArray realImages, Teacher teacher, Task task, long seed) {
        PixelBatch real = PixelBatch.of(realImages, task, task.input(teacher.itemShape()));
        SplittableRandom root = new SplittableRandom(seed);
        float brightness = Datasets.named(teacher.category().dataset()).startNoiseBrightness();
        PixelBatch starts = SynthesisStarts.starts(real, settings.count(), brightness, root.split());
        INDArray targets = SynthesisStarts.targets(task, task.output(teacher.itemShape()), settings.count(), settings.positives(),
                (float) settings.targetLogit(), root.split());
        SplittableRandom shifts = root.split();
        PixelBatch x = real.with(Arrays.stream(starts.images).map(float[]::clone).toArray(float[][]::new));
        Trainer.LossCurve loss = new Trainer.LossCurve(new int[0], new double[0]);
        if (settings.steps() > 0 && settings.count() > 0) {
            loss = optimise(x, targets, new TeacherInputGradient(teacher, task, settings.count()), shifts);
            NativeMemory.release();
        }
        INDArray images = x.toArray();
        INDArray outputs = settings.count() == 0 ? targets.dup()
                : teacher.predict(task, images);
        return new Synthesis(images, targets, starts.toArray(), outputs, settings.positives(), loss);
    }

    /** Adam on the pixels of {@code x}, in place; returns the loss at step 1, every 10 steps and the last. */
    private Trainer.LossCurve optimise(PixelBatch x, INDArray targets, TeacherInputGradient teacher, SplittableRandom rng) {
        int n = x.size();
        int c = x.channels;
        int h = x.height;
        int w = x.width;
        int px = x.pixels();
        ImagePriors priors = new ImagePriors(settings.tvWeight(), settings.l2Weight());
        float[][] m = new float[n][px];
        double[][] v = new double[n][1];
        float[] t = targets.dup('c').data().asFloat();
        int perInput = t.length / n;
        List<Integer> at = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        int j = settings.jitter();
        for (int step = 1; step <= settings.steps(); step++) {
            int[] dy = new int[n];
            int[] dx = new int[n];
            float[][] seen = new float[n][];
            for (int i = 0; i < n; i++) {
                dy[i] = rng.nextInt(-j, j + 1);
                dx[i] = rng.nextInt(-j, j + 1);
                seen[i] = PixelBatch.shifted(x.images[i], c, h, w, dy[i], dx[i], false);
            }
            // the teacher sees each input shifted, and the shift's transpose carries the gradient back
            INDArray[] og = teacher.outputsAndGradient(x.with(seen).toArray(), targets);
            float[] gradSeen = og[1].dup('c').data().asFloat();
            float[] y = og[0].dup('c').data().asFloat();
            double total = 0;
            for (int i = 0; i < n; i++) {
                float[] g = PixelBatch.shifted(Arrays.copyOfRange(gradSeen, i * px, (i + 1) * px), c, h, w, -dy[i], -dx[i], false);
                PixelBatch.blur(g, c, h, w, settings.gradientBlur());
                total += priors.addGradient(x.images[i], c, h, w, g) + squaredError(y, t, i * perInput, perInput);
                adam(x.images[i], g, m[i], v[i], step);
            }
            if (!Double.isFinite(total)) {
                throw new TrainingDivergedException("input synthesis diverged at step " + step + " of " + settings.steps()
                        + ": the loss became " + total + " (learning rate " + settings.learningRate() + "). Lower the learning rate.");
            }
            if (step == 1 || step % Trainer.LOSS_EVERY == 0 || step == settings.steps()) {
                at.add(step);
                values.add(total / n);
            }
            NativeMemory.releaseIfGrown();
        }
        return new Trainer.LossCurve(at.stream().mapToInt(Integer::intValue).toArray(), values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double squaredError(float[] y, float[] t, int from, int count) {
        double sum = 0;
        for (int k = from; k < from + count; k++) {
            double d = y[k] - t[k];
            sum += d * d;
        }
        return sum / count;
    }

    /**
     * One Adam step on one image, with one second moment for the whole image rather than one per
     * pixel: per-pixel scaling turns a smooth gradient into a ±lr pattern of noise, a per-image
     * one keeps its spatial shape. Bias-corrected; the pixels are then clipped to [0, 1].
     */
    private void adam(float[] x, float[] g, float[] m, double[] v, int step) {
        double meanSquare = 0;
        for (float gp : g) {
            meanSquare += gp * gp;
        }
        v[0] = BETA2 * v[0] + (1 - BETA2) * meanSquare / g.length;
        double scale = settings.learningRate() * Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step))
                / (Math.sqrt(v[0]) + EPSILON);
        for (int p = 0; p < x.length; p++) {
            m[p] = (float) (BETA1 * m[p] + (1 - BETA1) * g[p]);
            x[p] = (float) Math.max(0, Math.min(1, x[p] - scale * m[p]));
        }
    }
}
