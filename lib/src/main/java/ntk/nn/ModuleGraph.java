package ntk.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A module placed into a SameDiff graph, either as trainable variables or as frozen constants,
 * under a name prefix so several modules share one graph.
 */
public final class ModuleGraph {
    private final SameDiff sd;
    private final Module module;
    private final String prefix;
    private final Map<String, SDVariable> vars = new LinkedHashMap<>();

    private ModuleGraph(SameDiff sd, Module module, String prefix, boolean trainable) {
        this.sd = sd;
        this.module = module;
        this.prefix = prefix;
        for (String name : module.parameterNames()) {
            String varName = prefix + "_" + name.replace('.', '_');
            INDArray a = module.parameterView(name);
            vars.put(name, trainable ? sd.var(varName, a.dup()) : sd.constant(varName, a));
        }
    }

    /** The module's parameters as trainable variables (copies; the module itself stays unchanged). */
    public static ModuleGraph trainable(SameDiff sd, String prefix, Module module) {
        return new ModuleGraph(sd, module, prefix, true);
    }

    /** The module's parameters as constants: nothing can train them. */
    public static ModuleGraph frozen(SameDiff sd, String prefix, Module module) {
        return new ModuleGraph(sd, module, prefix, false);
    }

    public Module module() {
        return module;
    }

    /** Applies the module to {@code x}, recording what its backward twin needs. */
    public Trace apply(SDVariable x) {
        ModuleSpec spec = module.spec();
        List<Step> steps = new ArrayList<>();
        SDVariable h = x;
        for (int i = 0; i < spec.layers().size(); i++) {
            Layer layer = spec.layers().get(i);
            Function<String, SDVariable> param = paramsOf(i);
            Shape in = spec.inputOf(i);
            SDVariable y = layer.forward(sd, h, param, in);
            steps.add(new Step(layer, h, y, param, in));
            h = y;
        }
        return new Trace(sd, steps, h);
    }

    private Function<String, SDVariable> paramsOf(int layer) {
        return name -> {
            SDVariable v = vars.get(layer + "." + name);
            if (v == null) {
                throw new IllegalStateException("layer " + layer + " has no parameter " + name);
            }
            return v;
        };
    }

    /** The module with the graph's current (trained) parameter values. */
    public Module read() {
        Map<String, INDArray> p = new LinkedHashMap<>();
        vars.forEach((name, v) -> p.put(name, v.getArr()));
        return new Module(module.spec(), p);
    }

    /** Names of the trainable variables this module put into the graph. */
    public List<String> variableNames() {
        return vars.values().stream().map(SDVariable::name).toList();
    }

    record Step(Layer layer, SDVariable input, SDVariable output, Function<String, SDVariable> param, Shape in) {}

    /** The forward pass of one module in a graph, and the way back through its twin. */
    public static final class Trace {
        private final SameDiff sd;
        private final List<Step> steps;
        private final SDVariable output;

        Trace(SameDiff sd, List<Step> steps, SDVariable output) {
            this.sd = sd;
            this.steps = steps;
            this.output = output;
        }

        public SDVariable output() {
            return output;
        }

        /**
         * The backward twin: {@code J(x)ᵀ δ} for the input x this trace was applied to, built from
         * forward ops only (transposed weights, recorded masks).
         */
        public SDVariable backward(SDVariable delta) {
            SDVariable d = delta;
            for (int i = steps.size() - 1; i >= 0; i--) {
                Step s = steps.get(i);
                d = s.layer().twin(sd, d, s.input(), s.output(), s.param(), s.in());
            }
            return d;
        }
    }
}
