package ntk.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import ntk.run.Progress;

/** Shows each stage of a run as a progress bar on the terminal (standard error). */
final class ProgressBars implements Progress {
    private ProgressBar bar;

    @Override
    public synchronized void stage(String name, int total) {
        close();
        bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500).continuousUpdate().showSpeed().build();
    }

    @Override
    public synchronized void step() {
        if (bar != null) {
            bar.step();
        }
    }

    @Override
    public synchronized void note(String line) {
        close();
        System.out.println(line);
    }

    synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
