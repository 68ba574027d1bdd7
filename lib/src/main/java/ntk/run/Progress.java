package ntk.run;

/** Where a long run reports how far it is; implementations must accept calls from worker threads. */
public interface Progress {
    /** A new stage of {@code total} units begins. */
    void stage(String name, int total);

    /** One unit of the current stage is done. */
    void step();

    /** A line for the reader (a table, a timing). */
    void note(String line);

    /** Reports nothing. */
    static Progress silent() {
        return new Progress() {
            @Override
            public void stage(String name, int total) {}

            @Override
            public void step() {}

            @Override
            public void note(String line) {}
        };
    }

    /** One line per stage and per tenth of it, for notebooks and logs. */
    static Progress lines(java.io.PrintStream out) {
        return new Progress() {
            private String name;
            private int total;
            private int done;

            @Override
            public synchronized void stage(String n, int t) {
                name = n;
                total = t;
                done = 0;
                out.println(n + " (" + t + ")");
            }

            @Override
            public synchronized void step() {
                done++;
                if (total >= 10 && done % (total / 10) == 0 && done < total) {
                    out.println("  " + name + ": " + done + "/" + total);
                }
            }

            @Override
            public synchronized void note(String line) {
                out.println(line);
            }
        };
    }
}
