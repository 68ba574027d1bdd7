package ntk.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The content of one module file: a JSON manifest and named binary entries (the parameter
 * arrays), stored as one zip archive. Reading checks the archive itself — that it is a zip, whole,
 * and every entry matches its CRC — before anyone looks at the manifest.
 */
final class ModuleArchive {
    static final String MANIFEST = "manifest.json";
    /** Every entry gets the same time stamp, so the same content always gives the same bytes. */
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private final ObjectNode manifest;
    private final Map<String, byte[]> entries;

    ModuleArchive(ObjectNode manifest, Map<String, byte[]> entries) {
        this.manifest = manifest;
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    ObjectNode manifest() {
        return manifest;
    }

    /** The bytes of a binary entry the manifest refers to. */
    byte[] entry(String name, String what) {
        byte[] b = entries.get(name);
        if (b == null) {
            throw FileProblem.damaged("the archive lacks the entry '" + name + "' that holds " + what);
        }
        return b;
    }

    /** Writes the archive; does not close {@code out}. The manifest comes first, for tools that stream. */
    void writeTo(OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        put(zip, MANIFEST, ManifestFields.JSON.writeValueAsBytes(manifest), true);
        for (var e : entries.entrySet()) {
            put(zip, e.getKey(), e.getValue(), false);
        }
        zip.finish();
    }

    /** Arrays are stored uncompressed: float weights barely compress, and stored bytes stay inspectable. */
    private static void put(ZipOutputStream zip, String name, byte[] content, boolean deflate) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(FIXED_TIME);
        if (!deflate) {
            CRC32 crc = new CRC32();
            crc.update(content);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(content.length);
            entry.setCompressedSize(content.length);
            entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    /** Reads and checks the archive at {@code file}, opened read-only. */
    static ModuleArchive read(Path file) {
        if (!Files.exists(file)) {
            throw FileProblem.other("no such file", "Check the path (relative paths start in " + Path.of("").toAbsolutePath() + ").");
        }
        if (Files.isDirectory(file)) {
            throw FileProblem.other("it is a folder, not a file", "Name the .ntk file inside it.");
        }
        checkLooksLikeZip(file);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                entries.put(e.getName(), content(zip, e));
            }
        } catch (ZipException e) {
            throw FileProblem.damaged("the zip archive is damaged (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw FileProblem.other("it cannot be read (" + e + ")", "Check that the file is readable and the disk works.");
        }
        byte[] manifestBytes = entries.remove(MANIFEST);
        if (manifestBytes == null) {
            throw FileProblem.notModuleFile("it is a zip archive but holds no " + MANIFEST + ", so it is not a module file", null);
        }
        JsonNode manifest;
        try {
            manifest = ManifestFields.JSON.readTree(manifestBytes);
        } catch (JsonProcessingException e) {
            throw FileProblem.inconsistent(MANIFEST + " is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (manifest == null || !manifest.isObject()) {
            throw FileProblem.inconsistent(MANIFEST + " must hold a JSON object, got " + manifest);
        }
        return new ModuleArchive((ObjectNode) manifest, entries);
    }

    /** Tells "some other file" from "a damaged module file" before the zip reader's terse errors. */
    private static void checkLooksLikeZip(Path file) {
        byte[] head = new byte[ZIP_MAGIC.length];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw FileProblem.other("it cannot be read (" + e + ")", "Check that the file is readable.");
        }
        if (n == 0) {
            throw FileProblem.damaged("the file is empty");
        }
        if (n < head.length || !java.util.Arrays.equals(head, ZIP_MAGIC)) {
            throw FileProblem.notModuleFile("it is not a zip archive, so it is not a module file", null);
        }
    }

    private static byte[] content(ZipFile zip, ZipEntry e) throws IOException {
        if (e.getSize() > Integer.MAX_VALUE - 8) {
            throw FileProblem.damaged("the entry '" + e.getName() + "' claims " + e.getSize() + " bytes, more than a module file holds");
        }
        byte[] b;
        try (InputStream in = zip.getInputStream(e)) {
            b = in.readAllBytes();
        } catch (ZipException | java.io.EOFException ex) {
            throw FileProblem.damaged("the entry '" + e.getName() + "' cannot be read (" + ex.getMessage() + ")", ex);
        }
        CRC32 crc = new CRC32();
        crc.update(b);
        if (b.length != e.getSize() || crc.getValue() != e.getCrc()) {
            throw FileProblem.damaged("the entry '" + e.getName() + "' does not match its CRC-32 check sum");
        }
        return b;
    }
}
