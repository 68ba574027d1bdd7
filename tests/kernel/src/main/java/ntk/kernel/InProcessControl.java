package ntk.kernel;

import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs snippets in the kernel's own JVM (so display() reaches the kernel and native libraries
 * load once) and keeps the last value as an object, so the kernel can render it (image, HTML).
 */
final class InProcessControl extends DirectExecutionControl {
    private Object lastValue;

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Object value = doitMethod.invoke(null);
        lastValue = value;
        return valueString(value);
    }

    Object takeLastValue() {
        Object v = lastValue;
        lastValue = null;
        return v;
    }

    static final class Provider implements ExecutionControlProvider {
        final InProcessControl control = new InProcessControl();

        @Override
        public String name() {
            return "ntk-kernel-in-process";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return control;
        }
    }
}
