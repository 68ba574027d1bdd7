package ntk.cli;

import ntk.backend.Environment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The kit's command line: {@code java -jar lib/target/ntk.jar <command>}. */
@Command(name = "ntk", mixinStandardHelpOptions = true, version = "ntk 0.2.0",
        description = "Network transplanting kit: generic modular networks and back-distillation on Fashion-MNIST.",
        subcommands = {ReproduceCommand.class, ReportCommand.class, VerifyCommand.class, TuneCommand.class, SpreadCommand.class, PretrainCommand.class, TransplantCommand.class, BenchCommand.class, BackendCommand.class})
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    /** No command given: a usage error, so picocli prints this line and the usage to stderr and exits with 2. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: name one of "
                + String.join(", ", spec.subcommands().keySet()) + " (e.g. `ntk reproduce`; `ntk <command> --help` describes each)");
    }

    public static void main(String[] args) throws Exception {
        if (Relaunch.needed()) {
            System.exit(Relaunch.run(args));
        }
        int code;
        try {
            code = execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("error: out of memory (" + e.getMessage() + "). Give the JVM more heap (-Xmx), raise or unset the"
                    + " resident-size cap NTK_MAX_RSS, or run fewer workers side by side (NTK_WORKERS=1).");
            code = 2;
        }
        System.exit(code);
    }

    static int execute(String[] args) {
        return execute(args, new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true));
    }

    /** Runs one command line, writing its output and errors to the given writers; returns the exit code. */
    public static int execute(String[] args, java.io.PrintWriter out, java.io.PrintWriter err) {
        return new CommandLine(new Main())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((ex, cmd, parsed) -> {
                    cmd.getErr().println("error: " + ex.getMessage());
                    if (debugRequested(cmd.getErr())) {
                        ex.printStackTrace(cmd.getErr());
                    }
                    return 1;
                })
                .execute(args);
    }

    /** NTK_DEBUG; a value that is no switch is a second error line, not an exception thrown over the first. */
    private static boolean debugRequested(java.io.PrintWriter err) {
        try {
            return Environment.debug();
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return false;
        }
    }
}
