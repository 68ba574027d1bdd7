package ntk.transplant;

import java.util.SplittableRandom;
import ntk.generic.Task;
import ntk.train.Teacher;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Random views of the real pool images: each is shifted by whole pixels (zero fill, the images'
 * black background), maybe mirrored left to right, lightly noised, and maybe first blended with
 * another pool image (mixup). The teacher labels each view, so a handful of real images gives
 * many distillation inputs near them; with no real image there is nothing to augment.
 *
 * <p>Image i's views come from the i-th split of the seed and view k from its k-th draws, so the
 * views of an image do not depend on the pool's other images (except a mixup partner's pixels),
 * and asking for more views per image keeps the first ones.
 */
public final class AugmentedViews implements PoolExpansion {
    /**
     * How many views and how they vary.
     *
     * @param viewsPerImage views added per real image (0 adds none)
     * @param maxShift      largest shift, in pixels, along each axis (uniform in ±maxShift)
     * @param flips         mirror left to right with probability 0.5 (a mirrored sandal is still a sandal)
     * @param noise         standard deviation of Gaussian pixel noise (0 for none); results are clipped to [0, 1]
     * @param mixup         probability that a view starts as a blend w·image + (1 − w)·other pool image,
     *                      w uniform in [0.5, 1] so the view's own image dominates
     */
    public record Settings(int viewsPerImage, int maxShift, boolean flips, double noise, double mixup) {
        public Settings {
            if (viewsPerImage < 0) {
                throw new IllegalArgumentException("viewsPerImage must be >= 0, got " + viewsPerImage);
            }
            if (maxShift < 0) {
                throw new IllegalArgumentException("maxShift must be >= 0 pixels, got " + maxShift);
            }
            if (!(noise >= 0) || !Double.isFinite(noise)) {
                throw new IllegalArgumentException("noise must be a finite standard deviation >= 0, got " + noise);
            }
            if (!(mixup >= 0 && mixup <= 1)) {
                throw new IllegalArgumentException("mixup must be a probability in [0, 1], got " + mixup);
            }
        }

        /** 9 views per image (10 real images give 100 inputs), shifts up to ±3 pixels, flips, noise 0.05, no mixup. */
        public static Settings defaults() {
            return new Settings(9, 3, true, 0.05, 0.0);
        }

        public Settings withViewsPerImage(int n) {
            return new Settings(n, maxShift, flips, noise, mixup);
        }
    }

    private final Settings settings;

    public AugmentedViews(Settings settings) {
        this.settings = settings;
    }

    public AugmentedViews() {
        this(Settings.defaults());
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public String name() {
        return "views";
    }

    /**
     * The real images, then {@code viewsPerImage} views of image 0, of image 1, ...; the teacher
     * only checks the images' size (null: any size).
     */
    @Override
    public INDArray expand(INDArray realImages, Teacher teacher, Task task, long seed) {
        PixelBatch real = teacher == null ? PixelBatch.of(realImages) : PixelBatch.of(realImages, task, task.input(teacher.itemShape()));
        return real.concat(views(real, seed)).toArray();
    }

    /**
     * A view's pixels before its noise, for one h×w image stored row by row: mirrored left to
     * right if {@code flip}, then moved down by {@code dy} and right by {@code dx} pixels, with 0
     * (black) where nothing comes in — what {@link #expand} does to each view.
     */
    public static float[] shifted(float[] image, int height, int width, int dy, int dx, boolean flip) {
        if (image.length != height * width) {
            throw new IllegalArgumentException(image.length + " pixels for a " + height + "×" + width + " image");
        }
        return PixelBatch.shifted(image, height, width, dy, dx, flip);
    }

    /** Only the views, grouped by image. */
    PixelBatch views(PixelBatch real, long seed) {
        int shiftLimit = Math.min(real.height, real.width) - 1;
        if (settings.maxShift() > shiftLimit) {
            throw new IllegalArgumentException("maxShift " + settings.maxShift() + " would move " + real.height + "×" + real.width
                    + " images out of the frame; use at most " + shiftLimit);
        }
        int n = real.size();
        float[][] out = new float[n * settings.viewsPerImage()][];
        SplittableRandom root = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            SplittableRandom rng = root.split();
            for (int k = 0; k < settings.viewsPerImage(); k++) {
                out[i * settings.viewsPerImage() + k] = view(real, i, rng);
            }
        }
        return real.with(out);
    }

    /** One view of image {@code i}: mixup, then flip, shift and noise. */
    float[] view(PixelBatch pool, int i, SplittableRandom rng) {
        int h = pool.height;
        int w = pool.width;
        float[] src = pool.images[i];
        if (settings.mixup() > 0 && rng.nextDouble() < settings.mixup()) {
            float[] other = pool.images[rng.nextInt(pool.size())];
            float own = (float) (0.5 + 0.5 * rng.nextDouble());
            float[] mixed = new float[src.length];
            for (int p = 0; p < mixed.length; p++) {
                mixed[p] = own * src[p] + (1 - own) * other[p];
            }
            src = mixed;
        }
        int m = settings.maxShift();
        int dy = rng.nextInt(-m, m + 1);
        int dx = rng.nextInt(-m, m + 1);
        boolean flip = settings.flips() && rng.nextBoolean();
        float[] out = PixelBatch.shifted(src, pool.channels, h, w, dy, dx, flip);
        if (settings.noise() > 0) {
            for (int p = 0; p < out.length; p++) {
                out[p] = (float) Math.max(0, Math.min(1, out[p] + settings.noise() * rng.nextGaussian()));
            }
        }
        return out;
    }
}
