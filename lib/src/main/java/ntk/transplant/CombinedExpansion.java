package ntk.transplant;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import ntk.generic.Task;
import ntk.train.Teacher;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Several expansions as one: either in sequence — each expands what the previous one returned, so
 * synthesis after views starts from the views too — or as a union, each expanding the real images
 * on its own and the additions pooled. Either way the real images come first, once. Each part
 * gets its own seed, drawn from {@code seed}.
 */
public final class CombinedExpansion implements PoolExpansion {
    private final List<PoolExpansion> parts;
    private final boolean sequence;

    private CombinedExpansion(List<PoolExpansion> parts, boolean sequence) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a combined expansion needs at least one part");
        }
        this.parts = List.copyOf(parts);
        this.sequence = sequence;
    }

    /** {@code parts} one after another, each on the previous one's result: e.g. views, then synthesis from real images and views. */
    public static CombinedExpansion sequence(PoolExpansion... parts) {
        return new CombinedExpansion(List.of(parts), true);
    }

    /** The real images and every part's additions, each part working on the real images alone. */
    public static CombinedExpansion union(PoolExpansion... parts) {
        return new CombinedExpansion(List.of(parts), false);
    }

    @Override
    public String name() {
        return parts.stream().map(PoolExpansion::name).collect(Collectors.joining(sequence ? "-then-" : "+"));
    }

    @Override
    public INDArray expand(INDArray realImages, Teacher teacher, Task task, long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        PixelBatch pool = PixelBatch.of(realImages, task, task.input(teacher.itemShape()));
        int real = pool.size();
        for (PoolExpansion part : parts) {
            long partSeed = seeds.nextLong();
            if (sequence) {
                pool = expanded(part, pool.toArray(), pool.size(), teacher, task, partSeed);
            } else {
                pool = pool.concat(expanded(part, realImages, real, teacher, task, partSeed).from(real));
            }
        }
        return pool.toArray();
    }

    /** What {@code part} returns, checked to start with the {@code kept} images it was given. */
    private static PixelBatch expanded(PoolExpansion part, INDArray input, int kept, Teacher teacher, Task task, long seed) {
        PixelBatch out = PixelBatch.of(part.expand(input, teacher, task, seed), task, task.input(teacher.itemShape()));
        if (out.size() < kept) {
            throw new IllegalStateException("expansion " + part.name() + " returned " + out.size() + " inputs for " + kept
                    + ": an expansion must keep the images it is given and add to them");
        }
        return out;
    }
}
