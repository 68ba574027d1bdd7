package ntk.io;

import java.nio.file.Path;

/**
 * A module file that cannot be loaded (or a module that cannot be saved). The message names the
 * file, says what is wrong with it and how to fix it, so the command line can print it as it is.
 */
public final class ModuleFileException extends RuntimeException {
    private final transient Path file;

    public ModuleFileException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The file that could not be loaded or saved. */
    public Path file() {
        return file;
    }

    static ModuleFileException cannotLoad(Path file, FileProblem problem) {
        return new ModuleFileException(file, "cannot load " + file + ": " + problem.getMessage() + ". " + problem.fix(), problem.getCause());
    }

    static ModuleFileException cannotSave(Path file, String problem) {
        return new ModuleFileException(file, "cannot save " + file + ": " + problem, null);
    }
}
