package ntk.kernel;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.util.GlobFinder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

/**
 * CI's stand-in for the IJava 1.3.0 kernel, which is not published on Maven Central, Debian or npm
 * (only as a GitHub release, which CI cannot reach). It implements the subset the notebooks use,
 * with IJava's names and behaviour: kernel name {@code java}; JShell running in the kernel's own
 * JVM; the environment variables IJAVA_CLASSPATH (path-separated entries, each may be a glob),
 * IJAVA_COMPILER_OPTS and IJAVA_STARTUP_SCRIPT; the line magics {@code %jars} and
 * {@code %classpath}; IJava's default imports and its {@code display}/{@code render}/
 * {@code updateDisplay} calls; the last expression's value rendered through the same renderer
 * (so a BufferedImage comes out as image/png). Anything else (other magics, %maven, cell magics)
 * is an error here, which keeps the notebooks inside what both kernels support.
 */
public final class NotebookKernel extends BaseKernel {
    private static final Pattern LINE_MAGIC = Pattern.compile("^\\s*%(\\w+)\\s*(.*)$");
    /** IJava's default imports (its ijava-jshell-init.jshell), so notebooks see the same names. */
    private static final String STARTUP = String.join("\n",
            "import java.util.*;", "import java.io.*;", "import java.math.*;", "import java.net.*;",
            "import java.util.concurrent.*;", "import java.util.prefs.*;", "import java.util.regex.*;",
            "import static ntk.kernel.Display.*;",
            "public void printf(String format, Object... args) { System.out.printf(format, args); }");

    private final InProcessControl.Provider provider = new InProcessControl.Provider();
    private final JShell shell;
    private final LanguageInfo languageInfo;
    private boolean initialised;

    public NotebookKernel() {
        List<String> opts = new ArrayList<>();
        String compilerOpts = System.getenv("IJAVA_COMPILER_OPTS");
        if (compilerOpts != null && !compilerOpts.isBlank()) {
            opts.addAll(List.of(compilerOpts.trim().split("\\s+")));
        }
        // no -classpath here: JShell compiles against this JVM's class path plus addToClasspath()
        shell = JShell.builder()
                .executionEngine(provider, Map.of())
                .compilerOptions(opts.toArray(new String[0]))
                .build();
        addClasspath(System.getenv("IJAVA_CLASSPATH"));
        languageInfo = new LanguageInfo.Builder("Java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("java")
                .build();
    }

    /** Adds every entry of a path-separator list; each entry may be a glob such as dir/*.jar. */
    void addClasspath(String list) {
        if (list == null || list.isBlank()) {
            return;
        }
        for (String entry : list.split(File.pathSeparator)) {
            addGlob(entry.trim());
        }
    }

    private void addGlob(String glob) {
        if (glob.isEmpty()) {
            return;
        }
        try {
            int n = 0;
            for (Path p : new GlobFinder(glob).computeMatchingPaths()) {
                shell.addToClasspath(p.toAbsolutePath().toString());
                n++;
            }
            if (n == 0) {
                throw new IllegalArgumentException("class path entry matches nothing: " + glob);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read class path entry " + glob + ": " + e.getMessage(), e);
        }
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return languageInfo;
    }

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " :: ntk stand-in for IJava (CI)";
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        if (!initialised) {
            initialised = true;
            run(STARTUP);
            String extra = System.getenv("IJAVA_STARTUP_SCRIPT");
            if (extra != null && !extra.isBlank()) {
                run(extra);
            }
        }
        Object value = run(handleMagics(code));
        if (value == null) {
            return null;
        }
        return value instanceof DisplayData ? (DisplayData) value : getRenderer().render(value);
    }

    /** Runs line magics (%jars, %classpath) and returns the remaining Java source. */
    private String handleMagics(String code) {
        StringBuilder java = new StringBuilder();
        for (String line : code.split("\n", -1)) {
            Matcher m = LINE_MAGIC.matcher(line);
            if (!m.matches()) {
                java.append(line).append('\n');
                continue;
            }
            String name = m.group(1);
            String args = m.group(2).trim();
            switch (name) {
                case "jars":
                case "classpath":
                    for (String a : args.split("\\s+")) {
                        addClasspath(a);
                    }
                    break;
                default:
                    throw new IllegalArgumentException("unknown line magic %" + name);
            }
            java.append('\n'); // keep line numbers
        }
        return java.toString();
    }

    /** Evaluates complete snippets one by one; returns the value of the last one, if it shows one. */
    private Object run(String code) throws Exception {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        Object last = null;
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(code);
        while (info.completeness().isComplete()) {
            last = runOne(info.source());
            info = analysis.analyzeCompletion(info.remaining());
        }
        if (info.completeness() != SourceCodeAnalysis.Completeness.EMPTY) {
            throw new IllegalArgumentException("incomplete input:\n" + info.remaining().trim());
        }
        return last;
    }

    private Object runOne(String source) throws Exception {
        provider.control.takeLastValue();
        Object value = null;
        for (SnippetEvent ev : shell.eval(source)) {
            if (ev.causeSnippet() != null) {
                continue;
            }
            Snippet s = ev.snippet();
            if (ev.status() == Snippet.Status.REJECTED) {
                StringBuilder msg = new StringBuilder("compilation failed:\n").append(s.source().trim());
                shell.diagnostics(s).forEach(d -> msg.append("\n  ").append(d.getMessage(null)));
                throw new CompilationError(msg.toString());
            }
            if (ev.exception() != null) {
                throw ev.exception();
            }
            boolean showsValue = s.kind() == Snippet.Kind.EXPRESSION
                    || s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
            // like IPython: a trailing semicolon hides the value
            if (showsValue && !source.trim().endsWith(";")) {
                value = provider.control.takeLastValue();
            }
        }
        return value;
    }

    @Override
    public List<String> formatError(Exception e) {
        if (e instanceof CompilationError) {
            return List.of(e.getMessage().split("\n"));
        }
        List<String> lines = new ArrayList<>(super.formatError(e));
        if (e instanceof EvalException) {
            String real = ((EvalException) e).getExceptionClassName();
            lines.replaceAll(l -> l.replace(EvalException.class.getName(), real));
        } else if (e instanceof UnresolvedReferenceException) {
            UnresolvedReferenceException u = (UnresolvedReferenceException) e;
            lines.add("unresolved: " + shell.unresolvedDependencies(u.getSnippet()).toList());
        }
        return lines;
    }

    @Override
    public String isComplete(String code) {
        SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(code);
        switch (info.completeness()) {
            case COMPLETE:
            case COMPLETE_WITH_SEMI:
            case EMPTY:
                return IS_COMPLETE_YES;
            case UNKNOWN:
                return IS_COMPLETE_BAD;
            default:
                return "";
        }
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        Main.writePeakMemory();
        shell.close();
    }

    static final class CompilationError extends Exception {
        CompilationError(String message) {
            super(message);
        }
    }
}
