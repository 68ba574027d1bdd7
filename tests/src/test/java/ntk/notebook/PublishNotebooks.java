package ntk.notebook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Regenerates the executed copies a reader sees on GitHub: executes every notebook and solution in
 * fast mode, as {@link ExecuteNotebooksIT} does (through the same {@link NotebookRun}), and copies
 * each one that ran cleanly to notebooks/executed/ (solutions to notebooks/executed/solutions/).
 * Started by notebooks/publish.sh, which builds the kit and supplies the tests' class path; runs in
 * the tests module's folder.
 *
 * <pre>
 * PublishNotebooks [--list] [PREFIX...]
 * </pre>
 * PREFIXes (e.g. {@code 04 05}) keep only the notebooks whose file names start with one of them;
 * {@code --list} prints which notebooks would run and where they would go, and runs none. Exit
 * status 0 when every selected notebook was published, 1 when one failed (the others are still
 * published), 2 for a wrong argument.
 */
public final class PublishNotebooks {
    static final String USAGE = """
            usage: notebooks/publish.sh [--list] [PREFIX...]
              Executes the notebooks and their solutions in fast mode (about 10 minutes for all of them on
              2 cores) and writes the executed copies to notebooks/executed/ and notebooks/executed/solutions/.
              PREFIX   only the notebooks whose file names start with it, e.g. 04 (several allowed)
              --list   print the notebooks that would run and where they would go, run nothing
              -h, --help  this text""";

    private PublishNotebooks() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        boolean list = false;
        List<String> prefixes = new ArrayList<>();
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help")) {
                System.out.println(USAGE);
                return 0;
            } else if (a.equals("--list")) {
                list = true;
            } else if (a.startsWith("-") || a.isBlank()) {
                System.err.println("unknown option '" + a + "'\n" + USAGE);
                return 2;
            } else {
                prefixes.add(a);
            }
        }
        List<Path> notebooks = NotebookRun.select(prefixes);
        if (notebooks.isEmpty()) {
            System.err.println("no notebook's name starts with " + String.join(" or ", prefixes) + " (in " + NotebookFiles.FOLDER
                    + " and its solutions/)");
            return 2;
        }
        if (list) {
            for (Path nb : notebooks) {
                System.out.println(NotebookFiles.ROOT.relativize(nb) + " -> " + NotebookFiles.ROOT.relativize(NotebookFiles.executedCopy(nb)));
            }
            return 0;
        }
        NotebookRun run;
        try {
            run = NotebookRun.prepare("fast", "");
        } catch (AssertionError e) {
            System.err.println(e.getMessage());
            return 1;
        }
        List<String> failed = new ArrayList<>();
        long all = System.nanoTime();
        for (Path nb : notebooks) {
            String name = NotebookFiles.ROOT.relativize(nb).toString();
            System.out.println("executing " + name + " ...");
            long start = System.nanoTime();
            try {
                Path published = NotebookRun.publish(nb, run.execute(nb));
                System.out.printf(Locale.ROOT, "  %.1f s, published %s%n", (System.nanoTime() - start) / 1e9,
                        NotebookFiles.ROOT.relativize(published));
            } catch (Exception | AssertionError e) {
                System.out.println("  FAILED, not published: " + e.getMessage());
                failed.add(name);
            }
        }
        System.out.printf(Locale.ROOT, "%d of %d notebooks published in %.0f s (timings and logs: tests/target/notebooks/)%n",
                notebooks.size() - failed.size(), notebooks.size(), (System.nanoTime() - all) / 1e9);
        if (!failed.isEmpty()) {
            System.out.println("failed: " + String.join(", ", failed));
            return 1;
        }
        return 0;
    }
}
