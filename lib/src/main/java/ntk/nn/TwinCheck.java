package ntk.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoublePredicate;
import ntk.backend.NativeMemory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The numerical check of a backward twin: for one input x of a chain of modules with a single
 * output, the twin's input gradient J(x)ᵀ·1 against the central finite difference
 * (y(x + εe_i) − y(x − εe_i)) / 2ε of the true forward pass, coordinate by coordinate. Both run in
 * double precision, so that ε can be small without rounding swamping the difference.
 */
public final class TwinCheck {
    /** The finite-difference step. */
    public static final double EPS = 1e-5;

    private TwinCheck() {}

    /** One coordinate i of the input: its value, the twin's gradient and the finite difference there. */
    public record Coordinate(int index, double input, double twin, double finiteDifference) {
        /** |twin − fd| / max(|twin|, |fd|), 0 where both vanish. */
        public double relativeDifference() {
            return Math.abs(twin - finiteDifference) / Math.max(1e-12, Math.max(Math.abs(twin), Math.abs(finiteDifference)));
        }
    }

    /** Twin against finite differences at the {@code coordinates} (indices into x flattened) of a single input x [1, ...]. */
    public static List<Coordinate> at(List<Module> chain, INDArray x, int[] coordinates) {
        if (x.size(0) != 1) {
            throw new IllegalArgumentException("the check takes one input [1, ...], got " + java.util.Arrays.toString(x.shape()));
        }
        List<Module> dbl = chain.stream().map(TwinCheck::inDouble).toList();
        if (dbl.get(dbl.size() - 1).spec().output().size() != 1) {
            throw new IllegalArgumentException("the check needs a chain with a single output, got " + dbl.get(dbl.size() - 1).spec().output());
        }
        INDArray xd = x.castTo(DataType.DOUBLE);
        INDArray twin = new BackwardSignal(dbl).apply(xd, Nd4j.ones(DataType.DOUBLE, 1, 1)).signal().reshape(-1);
        ForwardPass f = new ForwardPass(dbl);
        INDArray flat = xd.dup().reshape(-1);
        List<Coordinate> out = new ArrayList<>();
        for (int i : coordinates) {
            INDArray plus = flat.dup();
            INDArray minus = flat.dup();
            plus.putScalar(i, flat.getDouble(i) + EPS);
            minus.putScalar(i, flat.getDouble(i) - EPS);
            double fd = (f.apply(plus.reshape(xd.shape())).getDouble(0) - f.apply(minus.reshape(xd.shape())).getDouble(0)) / (2 * EPS);
            out.add(new Coordinate(i, flat.getDouble(i), twin.getDouble(i), fd));
        }
        return out;
    }

    /** {@code k} coordinates of x whose value passes {@code keep}, drawn reproducibly from {@code seed}. */
    public static int[] pick(INDArray x, DoublePredicate keep, int k, long seed) {
        INDArray flat = x.reshape(-1);
        List<Integer> ok = new ArrayList<>();
        for (int i = 0; i < flat.length(); i++) {
            if (keep.test(flat.getDouble(i))) {
                ok.add(i);
            }
        }
        Collections.shuffle(ok, new Random(seed));
        return ok.stream().limit(k).mapToInt(Integer::intValue).toArray();
    }

    /** The check as an aligned table under {@code title}. */
    public static String table(String title, List<Coordinate> rows) {
        StringBuilder b = new StringBuilder(title).append(":\n");
        b.append("  coordinate   input value          twin   finite difference   relative difference\n");
        for (Coordinate c : rows) {
            b.append(String.format("  %10d  %12.4f  %+12.6e  %+12.6e  %10.1e%n", c.index(), c.input(), c.twin(), c.finiteDifference(),
                    c.relativeDifference()));
        }
        return b.toString();
    }

    /** The largest relative difference of the check. */
    public static double worst(List<Coordinate> rows) {
        return rows.stream().mapToDouble(Coordinate::relativeDifference).max().orElse(0);
    }

    /** Images per pass of {@link #meanCosine}: a twin keeps every layer's activations, about 1 MB per 28×28 image. */
    static final int COSINE_BATCH = 100;

    /**
     * The mean over the images {@code x} of the cosine between two chains' input gradients
     * J(x)ᵀ·1 (both chains with a single output): how closely one model reacts to its input like
     * the other. Runs {@value #COSINE_BATCH} images at a time and frees their arrays between
     * passes, so that 500 images cost the memory of 100.
     */
    public static double meanCosine(List<Module> reference, List<Module> other, INDArray x) {
        BackwardSignal a = new BackwardSignal(reference);
        BackwardSignal b = new BackwardSignal(other);
        long n = x.size(0);
        double sum = 0;
        for (long from = 0; from < n; from += COSINE_BATCH) {
            INDArray chunk = x.get(NDArrayIndex.interval(from, Math.min(n, from + COSINE_BATCH))).dup();
            long rows = chunk.size(0);
            INDArray ones = Nd4j.ones(chunk.dataType(), rows, 1);
            INDArray ga = a.apply(chunk, ones).signal().reshape(rows, -1);
            INDArray gb = b.apply(chunk, ones).signal().reshape(rows, -1);
            sum += ga.mul(gb).sum(1).div(ga.norm2(1).mul(gb.norm2(1)).add(1e-12)).sumNumber().doubleValue();
            NativeMemory.release();
        }
        return sum / n;
    }

    /** The same module in double precision. */
    static Module inDouble(Module m) {
        Map<String, INDArray> p = m.parameters();
        p.replaceAll((k, v) -> v.castTo(DataType.DOUBLE));
        return new Module(m.spec(), p);
    }
}
