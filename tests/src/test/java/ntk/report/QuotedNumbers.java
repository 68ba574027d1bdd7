package ntk.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers a document's prose quotes from runs, and the numbers committed files hold: every
 * decimal (0.044, 30.3) of the prose must be one a source shows at the quoted precision, rounded as
 * the kit's tables round ({@code String.format}). A source that holds many numbers accepts a stale
 * one by chance, so ranges ("0.027–0.046"), where that is likeliest, are checked as claims of their
 * own ({@link #ranges}) and each document's check keeps its sources to the files its text quotes.
 */
public final class QuotedNumbers {
    /** A decimal, not part of a longer number, a name or a version such as 1.0.0-M2.1. */
    static final Pattern DECIMAL = Pattern.compile("(?<![\\w.])\\d+\\.\\d+(?![\\d.]*\\d)");
    /** A range of two decimals, "0.027–0.046" or "0.059 to 0.30". */
    static final Pattern RANGE = Pattern.compile("(?<![\\w.])\\d+\\.\\d+(?:–| to )\\d+\\.\\d+(?![\\d])");
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?");

    private final Set<String> shown = new LinkedHashSet<>();

    /** Every number of {@code text} (a table, a program's output), at every precision up to four decimals. */
    public QuotedNumbers addText(String text) {
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            add(Double.parseDouble(m.group()));
            shown.add(m.group().replaceFirst("^[+-]", "")); // as written, e.g. a p-value of 0.00049
        }
        return this;
    }

    /** Every number of the files, read as text (CSV cells, settings, run.txt lines). */
    public QuotedNumbers addFiles(Path... files) {
        for (Path f : files) {
            addText(read(f));
        }
        return this;
    }

    /** A run.txt: its numbers, and its wall time in minutes and peak memory in GiB as the prose quotes them. */
    public QuotedNumbers addRunFile(Path runTxt) {
        String text = read(runTxt);
        addText(text);
        Matcher wall = Pattern.compile("wall time (\\d+) s").matcher(text);
        if (wall.find()) {
            add(Integer.parseInt(wall.group(1)) / 60.0);
        }
        Matcher peak = Pattern.compile("peak resident memory (\\d+) MiB").matcher(text);
        if (peak.find()) {
            add(Integer.parseInt(peak.group(1)) / 1024.0);
        }
        return this;
    }

    public QuotedNumbers add(double value) {
        double v = Math.abs(value);
        for (int decimals = 0; decimals <= 4; decimals++) {
            shown.add(format(v, decimals));
        }
        return this;
    }

    /** The decimals of {@code prose} that no source shows, in order. */
    public List<String> missing(String prose) {
        List<String> out = new ArrayList<>();
        Matcher m = DECIMAL.matcher(prose);
        while (m.find()) {
            if (!shown.contains(m.group())) {
                out.add(m.group());
            }
        }
        return out;
    }

    /** The ranges {@code prose} quotes. */
    public static List<String> ranges(String prose) {
        List<String> out = new ArrayList<>();
        Matcher m = RANGE.matcher(prose);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** "lowest–highest" of {@code values} at {@code decimals}, as a document quotes a range. */
    public static String range(List<Double> values, int decimals) {
        double lo = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double hi = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return format(lo, decimals) + "–" + format(hi, decimals);
    }

    public static String format(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /**
     * A document's prose: generated tables, code spans and maths ($…$) left out, since tables are
     * checked by {@link ReadmeTablesTest} and code and formulas quote no run.
     */
    public static String prose(String markdown) {
        return markdown.replaceAll("(?s)<!-- table [a-z0-9-]+ -->\\n.*?<!-- end table -->", "")
                .replaceAll("(?s)\\$\\$.*?\\$\\$", "").replaceAll("\\$[^$\\n]*\\$", "").replaceAll("`[^`\\n]*`", "");
    }

    public static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
