package ntk.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A short fingerprint of the compiled code that decides what pre-training produces: the layers
 * and architectures, the trainers and losses, the data and its samplers, the generic network and
 * {@code Pretrained} itself. Part of {@link ModuleCache}'s key, so a change to a loss or an
 * architecture never reuses modules trained by the old code (the settings alone would not tell).
 */
final class TrainingCodeVersion {
    /** Class-file prefixes whose bytes make the fingerprint. */
    static final List<String> PREFIXES = List.of("ntk/nn/", "ntk/train/", "ntk/data/", "ntk/generic/", "ntk/run/Pretrained");

    private static volatile String cached;

    private TrainingCodeVersion() {}

    /** Ten hex digits of a SHA-256 over the sorted names and bytes of the classes under {@link #PREFIXES}. */
    static String fingerprint() {
        String v = cached;
        if (v == null) {
            v = compute();
            cached = v;
        }
        return v;
    }

    private static String compute() {
        try {
            return of(Path.of(TrainingCodeVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fingerprint of the classes in {@code where}: the kit's jar or a classes folder. */
    static String of(Path where) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            if (Files.isDirectory(where)) {
                for (String name : classNames(where)) {
                    sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    sha.update(Files.readAllBytes(where.resolve(name)));
                }
            } else {
                try (JarFile jar = new JarFile(where.toFile())) {
                    for (String name : classNames(where)) {
                        sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
                            sha.update(in.readAllBytes());
                        }
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kit's class files in " + where + " to fingerprint them", e);
        }
    }

    /** The class files under the prefixes, sorted, from the kit's jar or classes folder. */
    static List<String> classNames(Path where) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(where)) {
            try (Stream<Path> files = Files.walk(where)) {
                files.filter(Files::isRegularFile).map(p -> where.relativize(p).toString().replace('\\', '/')).forEach(names::add);
            }
        } else {
            try (JarFile jar = new JarFile(where.toFile())) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    names.add(e.nextElement().getName());
                }
            }
        }
        List<String> kept = new ArrayList<>(names.stream()
                .filter(n -> n.endsWith(".class") && PREFIXES.stream().anyMatch(n::startsWith)).toList());
        kept.sort(null);
        if (kept.isEmpty()) {
            throw new IllegalStateException("no class of " + PREFIXES + " found in " + where);
        }
        return kept;
    }
}
