package ntk.nn;

import static ntk.ArrayChecks.assertBitIdentical;
import static ntk.ArrayChecks.gaussian;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import ntk.backend.Backend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Modules are immutable values; specs check shapes; sameAs means bit-identical. */
class ModuleTest {
    static final ModuleSpec SPEC = Architectures.adapter(Shape.image(3, 4, 4));

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    @Test
    void initialisationIsReproducibleFromTheSeed() {
        Module a = Module.initialised(SPEC, Module.Init.HE, 4, DataType.FLOAT);
        Module b = Module.initialised(SPEC, Module.Init.HE, 4, DataType.FLOAT);
        Module c = Module.initialised(SPEC, Module.Init.HE, 5, DataType.FLOAT);
        assertTrue(a.sameAs(b));
        assertFalse(a.sameAs(c));
        assertEquals(List.of("0.W", "0.b", "2.W", "2.b"), List.copyOf(a.parameterNames()));
        assertEquals(2 * (3 * 3 + 3), a.parameterCount());
    }

    @Test
    void identityInitialisationMakesSquareConvolutionsIdentities() {
        Module m = Module.initialised(Architectures.adapter(Shape.image(3, 4, 4), 3, 2), Module.Init.IDENTITY, 1, DataType.FLOAT);
        INDArray z = gaussian(DataType.FLOAT, 2, 2, 3, 4, 4);
        INDArray positive = z.mul(z); // the ReLU between the convolutions passes non-negative maps unchanged
        assertBitIdentical(positive, new ForwardPass(m).apply(positive), "identity adapter");
    }

    @Test
    void callersCannotChangeAModule() {
        Module m = Module.initialised(SPEC, Module.Init.HE, 4, DataType.FLOAT);
        Map<String, INDArray> before = m.parameters();
        m.parameter("0.W").addi(1.0); // a copy
        Map<String, INDArray> source = m.parameters();
        Module copy = new Module(SPEC, source);
        source.get("2.W").muli(3.0); // the constructor copied the arrays in
        for (String n : m.parameterNames()) {
            assertBitIdentical(before.get(n), m.parameter(n), n);
            assertBitIdentical(before.get(n), copy.parameter(n), "copy " + n);
        }
    }

    @Test
    void trainingAGraphDoesNotChangeTheModuleItCameFrom() {
        Module m = Module.initialised(SPEC, Module.Init.HE, 4, DataType.FLOAT);
        Map<String, INDArray> before = m.parameters();
        var sd = org.nd4j.autodiff.samediff.SameDiff.create();
        ModuleGraph g = ModuleGraph.trainable(sd, "a", m);
        sd.getArrForVarName(g.variableNames().get(0)).addi(1.0); // what an optimiser step does
        Module read = g.read();
        assertFalse(read.sameAs(m));
        for (String n : m.parameterNames()) {
            assertBitIdentical(before.get(n), m.parameter(n), n);
        }
    }

    @Test
    void sameAsMeansBitIdentical() {
        Module m = Module.initialised(SPEC, Module.Init.HE, 4, DataType.FLOAT);
        Map<String, INDArray> p = m.parameters();
        INDArray w = p.get("0.W");
        float x = w.getFloat(0);
        w.putScalar(0, Math.nextUp(x)); // one unit in the last place
        Module nudged = new Module(SPEC, p);

        Map<String, INDArray> q = m.parameters();
        q.get("2.b").putScalar(0, 1e-7); // biases start at zero: a tiny absolute change
        Module biased = new Module(SPEC, q);

        Map<String, INDArray> r = m.parameters();
        r.get("2.W").muli(1.000001); // every weight of a layer 1e-6 relative away
        Module scaled = new Module(SPEC, r);

        assertTrue(m.sameAs(Module.initialised(SPEC, Module.Init.HE, 4, DataType.FLOAT)));
        assertAll(
                () -> assertFalse(nudged.sameAs(m), "Module.sameAs promises bit-identical parameters, but accepted a weight one ulp away"),
                () -> assertFalse(biased.sameAs(m), "Module.sameAs accepted a bias changed from 0 to 1e-7"),
                () -> assertFalse(scaled.sameAs(m), "Module.sameAs accepted a layer's weights scaled by 1.000001"));
    }

    @Test
    void parametersMustMatchTheSpec() {
        Module m = Module.initialised(SPEC, Module.Init.HE, 4, DataType.FLOAT);
        Map<String, INDArray> p = m.parameters();
        p.put("0.W", gaussian(DataType.FLOAT, 1, 1, 1, 3, 4));
        IncompatibleShapeException shape = assertThrows(IncompatibleShapeException.class, () -> new Module(SPEC, p));
        assertTrue(shape.getMessage().contains("0.W") && shape.getMessage().contains("[1, 1, 3, 4]")
                && shape.getMessage().contains("[1, 1, 3, 3]"), shape.getMessage());
        Map<String, INDArray> missing = m.parameters();
        missing.remove("2.b");
        IncompatibleShapeException names = assertThrows(IncompatibleShapeException.class, () -> new Module(SPEC, missing));
        assertTrue(names.getMessage().contains("2.b"), names.getMessage());
    }

    @Test
    void specsRefuseLayersThatDoNotFit() {
        IncompatibleShapeException conv = assertThrows(IncompatibleShapeException.class,
                () -> new ModuleSpec(ModuleSpec.Role.ADAPTER, Shape.image(3, 4, 4), List.of(new Conv2d(1, 4, 4))));
        assertTrue(conv.getMessage().contains("4 channels") && conv.getMessage().contains("[3, 4, 4]"), conv.getMessage());
        IncompatibleShapeException dense = assertThrows(IncompatibleShapeException.class,
                () -> new ModuleSpec(ModuleSpec.Role.ADAPTER, Shape.image(3, 4, 4), List.of(new Dense(48, 2))));
        assertTrue(dense.getMessage().contains("flatten"), dense.getMessage());
        IncompatibleShapeException pool = assertThrows(IncompatibleShapeException.class,
                () -> new ModuleSpec(ModuleSpec.Role.ADAPTER, Shape.image(3, 5, 4), List.of(new MaxPool2d(2))));
        assertTrue(pool.getMessage().contains("[3, 5, 4]"), pool.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(2, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Architectures.adapter(Shape.image(3, 4, 4), 1, 0));
    }
}
