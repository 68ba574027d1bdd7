package ntk.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Makes damaged or edited copies of a good module file, as users, disks and other tools do. */
final class BadFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BadFiles() {}

    static Path truncated(Path good, Path bad, int length) throws IOException {
        byte[] b = Files.readAllBytes(good);
        Files.write(bad, java.util.Arrays.copyOf(b, length));
        return bad;
    }

    static Path flipped(Path good, Path bad, int offset) throws IOException {
        byte[] b = Files.readAllBytes(good);
        b[offset] ^= (byte) 0xff;
        Files.write(bad, b);
        return bad;
    }

    /** A well-formed zip whose manifest was edited (as by hand, or by another tool). */
    static Path withManifest(Path good, Path bad, Consumer<ObjectNode> edit) throws IOException {
        return withEntry(good, bad, "manifest.json", bytes -> {
            try {
                ObjectNode m = (ObjectNode) JSON.readTree(bytes);
                edit.accept(m);
                return JSON.writeValueAsBytes(m);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A well-formed zip (valid CRCs) with one entry's content replaced. */
    static Path withEntry(Path good, Path bad, String name, UnaryOperator<byte[]> edit) throws IOException {
        Map<String, byte[]> entries = entries(good);
        if (!entries.containsKey(name)) {
            throw new IllegalArgumentException("no entry " + name + " in " + entries.keySet());
        }
        entries.put(name, edit.apply(entries.get(name)));
        return zip(bad, entries);
    }

    /**
     * A well-formed file with one parameter's values edited and its manifest's SHA-256 updated to
     * match, as another tool (or a kit that saved whatever training left) might write it: every
     * checksum holds.
     */
    static Path withParameter(Path good, Path bad, String module, String parameter, UnaryOperator<byte[]> edit) throws IOException {
        Map<String, byte[]> entries = entries(good);
        ObjectNode manifest = (ObjectNode) JSON.readTree(entries.get("manifest.json"));
        for (JsonNode p : module(manifest, module).get("parameters")) {
            if (p.get("name").asText().equals(parameter)) {
                String entry = p.get("entry").asText();
                byte[] edited = edit.apply(entries.get(entry).clone());
                entries.put(entry, edited);
                ((ObjectNode) p).put("sha256", sha256(edited));
                entries.put("manifest.json", JSON.writeValueAsBytes(manifest));
                return zip(bad, entries);
            }
        }
        throw new IllegalArgumentException("no parameter " + parameter + " in module " + module);
    }

    /** Sets entry {@code index} of a raw little-endian float32 array. */
    static UnaryOperator<byte[]> float32At(int index, float value) {
        return b -> {
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(index * Float.BYTES, value);
            return b;
        };
    }

    /** Sets entry {@code index} of a raw little-endian float64 array. */
    static UnaryOperator<byte[]> float64At(int index, double value) {
        return b -> {
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putDouble(index * Double.BYTES, value);
            return b;
        };
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, byte[]> entries(Path file) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                out.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        return out;
    }

    static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    /**
     * Where each entry's stored content lies in a zip file, as [start, end) byte offsets. The
     * central directory (found from the end record) gives each entry's local header and compressed
     * size; the local header's name and extra lengths give where the content starts.
     */
    static List<int[]> contentRegions(byte[] zip) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int end = zip.length - 22; // the end record, as the kit writes no archive comment
        if (b.getInt(end) != 0x06054b50) {
            throw new IllegalArgumentException("no end-of-central-directory record where expected");
        }
        int count = b.getShort(end + 10) & 0xffff;
        int at = b.getInt(end + 16);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int compressed = b.getInt(at + 20);
            int local = b.getInt(at + 42);
            int start = local + 30 + (b.getShort(local + 26) & 0xffff) + (b.getShort(local + 28) & 0xffff);
            out.add(new int[] {start, start + compressed});
            at += 46 + (b.getShort(at + 28) & 0xffff) + (b.getShort(at + 30) & 0xffff) + (b.getShort(at + 32) & 0xffff);
        }
        return out;
    }

    /** The manifest entry of the module called {@code name}. */
    static ObjectNode module(ObjectNode manifest, String name) {
        for (JsonNode m : manifest.get("modules")) {
            if (m.get("name").asText().equals(name)) {
                return (ObjectNode) m;
            }
        }
        throw new IllegalArgumentException("no module " + name);
    }
}
