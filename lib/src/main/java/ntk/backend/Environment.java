package ntk.backend;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Every NTK_* environment variable the kit reads, read here and nowhere else, so that a switch
 * means the same to the command line as to the notebooks.
 *
 * <ul>
 *   <li>{@code NTK_FAST} (switch): the fast settings — fewer categories, shorter training — for
 *       {@code reproduce}, {@code pretrain} and the notebooks' {@code Course.start()}.
 *   <li>{@code NTK_WORKERS} (whole number): how many jobs run side by side; default the number of
 *       cores, at most four ({@link Workers#count()}).
 *   <li>{@code NTK_DATA} (folder): the kit's {@code data/} folder, when not found by walking up
 *       from the working directory; the system property {@code ntk.data} comes first.
 *   <li>{@code NTK_MAX_NATIVE} (JavaCPP size such as "1500m"): JavaCPP's budget for native
 *       memory, default 512m; {@code -Dorg.bytedeco.javacpp.maxbytes} comes first.
 *   <li>{@code NTK_MAX_RSS} (JavaCPP size): a cap on the resident size, default 0 (none);
 *       {@code -Dorg.bytedeco.javacpp.maxphysicalbytes} comes first.
 *   <li>{@code NTK_DEBUG} (switch): the command line prints an error's stack trace, not only its message.
 *   <li>{@code NTK_NOTEBOOK_CACHE} (folder): where the notebooks and {@code pretrain --notebook-cache}
 *       keep pre-trained modules; default {@code notebooks/.cache} beside the data folder.
 * </ul>
 *
 * <p>Two more belong to the test harness, not the kit: {@code NTK_PYTHON} (the Python with
 * nbconvert that executes the notebooks) and {@code NTK_KERNEL_PEAK_FILE} (where the stand-in
 * kernel writes its peak memory; the kernel is a module of its own and does not see this class).
 * The command line also looks at glibc's {@code MALLOC_ARENA_MAX}, to relaunch itself with it.
 *
 * <p>A switch is on for "1", "true" or "yes" and off for "0", "false", "no", "" or when unset
 * (any case, spaces around ignored); anything else stops with an error naming the variable, so a
 * typo never silently picks the other mode. Unset and blank are the same for every variable.
 */
public final class Environment {
    public static final String FAST = "NTK_FAST";
    public static final String WORKERS = "NTK_WORKERS";
    public static final String DATA = "NTK_DATA";
    public static final String MAX_NATIVE = "NTK_MAX_NATIVE";
    public static final String MAX_RSS = "NTK_MAX_RSS";
    public static final String DEBUG = "NTK_DEBUG";
    public static final String NOTEBOOK_CACHE = "NTK_NOTEBOOK_CACHE";

    private Environment() {}

    /** NTK_FAST: the fast settings. */
    public static boolean fast() {
        return isOn(FAST, System.getenv(FAST));
    }

    /** NTK_DEBUG: stack traces with errors. */
    public static boolean debug() {
        return isOn(DEBUG, System.getenv(DEBUG));
    }

    /** NTK_WORKERS, if set. */
    public static OptionalInt workers() {
        return wholeNumber(WORKERS, System.getenv(WORKERS));
    }

    /** NTK_DATA, if set. */
    public static Optional<Path> dataFolder() {
        return text(System.getenv(DATA)).map(Path::of);
    }

    /** NTK_MAX_NATIVE, else 512m. */
    public static String maxNative() {
        return text(System.getenv(MAX_NATIVE)).orElse("512m");
    }

    /** NTK_MAX_RSS, else 0 (no cap). */
    public static String maxRss() {
        return text(System.getenv(MAX_RSS)).orElse("0");
    }

    /** NTK_NOTEBOOK_CACHE, if set. */
    public static Optional<Path> notebookCache() {
        return text(System.getenv(NOTEBOOK_CACHE)).map(Path::of);
    }

    /** The switch rule of the class comment for {@code value} of the variable {@code name} (null: unset). */
    static boolean isOn(String name, String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "1", "true", "yes" -> true;
            case "", "0", "false", "no" -> false;
            default -> throw new IllegalArgumentException(name + " must be 1, true or yes (on) or 0, false, no or empty (off), got '"
                    + value + "'");
        };
    }

    /** {@code value} of the variable {@code name} as a whole number; empty when unset or blank. */
    static OptionalInt wholeNumber(String name, String value) {
        Optional<String> v = text(value);
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(v.get()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }

    private static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
