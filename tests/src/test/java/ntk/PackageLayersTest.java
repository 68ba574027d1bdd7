package ntk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The library's packages form layers (README, Layout): a package may use only the packages in
 * the layers below its own, so ntk.notebook and ntk.cli sit on top and neither uses the other
 * (the command line once reached into the notebooks' Course). jdeps reads the compiled classes, so a fully qualified name counts
 * as much as an import.
 */
class PackageLayersTest {
    /** Lowest first; the packages of one layer do not use each other. */
    static final List<Set<String>> LAYERS = List.of(
            Set.of("backend"),
            Set.of("data", "nn"),
            Set.of("generic"),
            Set.of("train"),
            Set.of("io", "transplant"),
            Set.of("config"),
            Set.of("protocol"),
            Set.of("run"),
            Set.of("report"),
            Set.of("notebook", "cli"));

    @Test
    void everyPackageUsesOnlyTheLayersBelowIt() throws Exception {
        Map<String, Set<String>> uses = dependencies();
        Set<String> layered = new TreeSet<>();
        LAYERS.forEach(layered::addAll);
        assertEquals(layered, new TreeSet<>(uses.keySet()), "every library package has its place in LAYERS (and only those)");
        List<String> backArrows = new ArrayList<>();
        uses.forEach((from, targets) -> targets.forEach(to -> {
            if (layer(to) >= layer(from)) {
                backArrows.add("ntk." + from + " -> ntk." + to);
            }
        }));
        assertTrue(backArrows.isEmpty(), "dependencies that do not point down: " + backArrows);
    }

    private static int layer(String p) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(p)) {
                return i;
            }
        }
        throw new AssertionError("package ntk." + p + " is in no layer");
    }

    /** Package -> the kit's packages it uses, from jdeps on the library's classes. */
    static Map<String, Set<String>> dependencies() throws Exception {
        Path classes = Path.of(ntk.cli.Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("this JDK has no jdeps"));
        StringWriter out = new StringWriter();
        int code = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", "-e", "ntk\\..*", classes.toString());
        assertEquals(0, code, out.toString());
        Map<String, Set<String>> uses = new TreeMap<>();
        for (String line : out.toString().split("\\R")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[1].equals("->") && f[0].startsWith("ntk.") && f[2].startsWith("ntk.")) {
                String from = f[0].substring(4);
                uses.computeIfAbsent(from, k -> new TreeSet<>()).add(f[2].substring(4));
            }
        }
        // a package that uses no other kit package (the lowest layer) appears only as a target
        new ArrayList<>(uses.values()).forEach(targets -> targets.forEach(t -> uses.computeIfAbsent(t, k -> new TreeSet<>())));
        return uses;
    }
}
