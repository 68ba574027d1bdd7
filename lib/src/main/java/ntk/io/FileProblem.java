package ntk.io;

/**
 * What is wrong with a module file's content, found while reading it, before the reader knows
 * which file it came from; {@link ModuleFiles} turns it into a {@link ModuleFileException}.
 */
final class FileProblem extends RuntimeException {
    static final String WRITE_AGAIN = "write it again with this kit (`ntk pretrain`, `ntk transplant` or ntk.io.ModuleFiles)";

    private final String fix;

    private FileProblem(String problem, String fix, Throwable cause) {
        super(problem, cause);
        this.fix = fix;
    }

    /** How the user can fix it, one sentence. */
    String fix() {
        return fix;
    }

    /** Cut short or altered after it was written. */
    static FileProblem damaged(String problem, Throwable cause) {
        return new FileProblem(problem, "The file was cut short or changed after it was written: restore it from a backup or "
                + WRITE_AGAIN + ".", cause);
    }

    static FileProblem damaged(String problem) {
        return damaged(problem, null);
    }

    /** Readable, but its manifest does not describe what this kit can build. */
    static FileProblem inconsistent(String problem) {
        return new FileProblem(problem, "Its manifest contradicts itself (was manifest.json edited by hand?): " + WRITE_AGAIN + ".", null);
    }

    /** Some other file: not one this kit wrote. */
    static FileProblem notModuleFile(String problem, Throwable cause) {
        return new FileProblem(problem, "Check the path: module files are the zip archives (.ntk) this kit writes.", cause);
    }

    /** Intact and consistent, but its weights hold NaN or infinity, which spoil every prediction. */
    static FileProblem notFinite(String problem) {
        return new FileProblem(problem, "Weights that are not finite spoil every prediction; they come from a training run that"
                + " diverged or from another tool: train again with a lower learning rate, and save with this kit (`ntk pretrain`,"
                + " `ntk transplant` or ntk.io.ModuleFiles).", null);
    }

    static FileProblem other(String problem, String fix) {
        return new FileProblem(problem, fix, null);
    }
}
