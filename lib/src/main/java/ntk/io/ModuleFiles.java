package ntk.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import ntk.generic.GenericNetwork;
import ntk.nn.Module;
import ntk.train.Teacher;

/**
 * Saves and loads modules, teachers and whole generic networks as module files (.ntk).
 *
 * <p>A module file is a zip archive holding {@code manifest.json} — format name and version, the
 * kind of object, every module's role, input shape, layers and parameter table (name, shape,
 * data type, archive entry, SHA-256) — and one entry of raw little-endian values per parameter
 * array. Files are written atomically (a crash leaves the old file intact) and byte-for-byte
 * reproducibly; loading opens them read-only and checks everything before building anything, so a
 * damaged or foreign file gives a {@link ModuleFileException} that says what to do.
 */
public final class ModuleFiles {
    public static final String FORMAT = "ntk-module-file";
    /** The version this kit writes. */
    public static final int VERSION = 1;
    /** The versions this kit reads. */
    public static final List<Integer> SUPPORTED_VERSIONS = List.of(1);

    /** What a module file holds. */
    public enum Kind {
        MODULE("a single module", "a file written by ModuleFiles.saveModule"),
        TEACHER("a teacher", "teacher-<category>.ntk, written by `ntk pretrain`"),
        NETWORK("a generic network", "network.ntk, written by `ntk pretrain` or `ntk transplant`");

        private final String noun;
        private final String example;

        Kind(String noun, String example) {
            this.noun = noun;
            this.example = example;
        }

        /** The manifest's name of the kind: "module", "teacher" or "network". */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private ModuleFiles() {}

    public static void saveModule(Path file, Module module) {
        save(file, () -> moduleArchive(module));
    }

    public static void saveTeacher(Path file, Teacher teacher) {
        save(file, () -> teacherArchive(teacher));
    }

    public static void saveNetwork(Path file, GenericNetwork network) {
        save(file, () -> networkArchive(network));
    }

    public static Module loadModule(Path file) {
        return load(file, Kind.MODULE, a -> new ManifestModules(a).only());
    }

    public static Teacher loadTeacher(Path file) {
        return load(file, Kind.TEACHER, a -> TeacherCodec.decode(a.manifest(), new ManifestModules(a)));
    }

    public static GenericNetwork loadNetwork(Path file) {
        return load(file, Kind.NETWORK, a -> NetworkCodec.decode(a.manifest(), new ManifestModules(a)));
    }

    /** The kind of object a module file holds, after checking its format and version. */
    public static Kind kindOf(Path file) {
        try {
            return header(ModuleArchive.read(file).manifest());
        } catch (FileProblem p) {
            throw ModuleFileException.cannotLoad(file, p);
        }
    }

    // ---- writing

    /** Adds an object's modules to the manifest's list, its section to the manifest, and its arrays to the entries. */
    @FunctionalInterface
    private interface Content {
        void fill(ObjectNode manifest, ArrayNode modules, Map<String, byte[]> entries);
    }

    private static void save(Path file, Supplier<ModuleArchive> archive) {
        ModuleArchive a;
        try {
            a = archive.get();
        } catch (IllegalArgumentException e) { // e.g. a data type module files do not hold; nothing is written
            throw ModuleFileException.cannotSave(file, e.getMessage());
        }
        write(file, a);
    }

    // the archives are package-private so tests can write them through a stream that fails midway

    static ModuleArchive moduleArchive(Module module) {
        return archive(Kind.MODULE, (manifest, modules, entries) -> modules.add(ModuleCodec.encode("module", module, entries)));
    }

    static ModuleArchive teacherArchive(Teacher teacher) {
        return archive(Kind.TEACHER, (manifest, modules, entries) -> TeacherCodec.encode(teacher, manifest, modules, entries));
    }

    static ModuleArchive networkArchive(GenericNetwork network) {
        return archive(Kind.NETWORK, (manifest, modules, entries) -> NetworkCodec.encode(network, manifest, modules, entries));
    }

    private static ModuleArchive archive(Kind kind, Content content) {
        ObjectNode manifest = ManifestFields.JSON.createObjectNode();
        manifest.put("format", FORMAT);
        manifest.put("formatVersion", VERSION);
        manifest.put("kind", kind.id());
        manifest.put("arrayEncoding", ArrayCodec.ENCODING);
        ArrayNode modules = ManifestFields.JSON.createArrayNode();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        content.fill(manifest, modules, entries);
        manifest.set("modules", modules); // after the teacher or network section, which reads as a summary
        return new ModuleArchive(manifest, entries);
    }

    /** Writes atomically and forces the bytes to disk before the rename, so the new file is whole even after a power cut. */
    static void write(Path file, ModuleArchive archive) {
        AtomicFiles.write(file, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                    OutputStream out = Channels.newOutputStream(ch)) {
                archive.writeTo(out);
                out.flush();
                ch.force(true);
            }
        });
    }

    // ---- reading

    private static <T> T load(Path file, Kind expected, Function<ModuleArchive, T> decode) {
        try {
            ModuleArchive archive = ModuleArchive.read(file);
            Kind kind = header(archive.manifest());
            if (kind != expected) {
                throw FileProblem.other("it holds " + kind.noun + ", but " + expected.noun + " is expected here",
                        "Pass " + expected.noun + " file here (" + expected.example + ").");
            }
            return decode.apply(archive);
        } catch (FileProblem p) {
            throw ModuleFileException.cannotLoad(file, p);
        }
    }

    /** Checks format, version and array encoding, and returns the kind. */
    private static Kind header(JsonNode m) {
        JsonNode format = m.get("format");
        if (format == null || !FORMAT.equals(format.asText())) {
            throw FileProblem.notModuleFile("its manifest does not declare the format '" + FORMAT + "' (it declares " + format + ")", null);
        }
        int version = ManifestFields.integer(m, "formatVersion", "the manifest");
        if (!SUPPORTED_VERSIONS.contains(version)) {
            int newest = SUPPORTED_VERSIONS.get(SUPPORTED_VERSIONS.size() - 1);
            throw FileProblem.other("it has format version " + version + ", and this kit reads version"
                    + (SUPPORTED_VERSIONS.size() > 1 ? "s " : " ") + SUPPORTED_VERSIONS.toString().replaceAll("[\\[\\]]", ""),
                    version > newest ? "It was written by a newer kit: upgrade this kit to load it."
                            : "It was written in an older format this kit no longer reads: " + FileProblem.WRITE_AGAIN + ".");
        }
        String encoding = ManifestFields.text(m, "arrayEncoding", "the manifest");
        if (!ArrayCodec.ENCODING.equals(encoding)) {
            throw FileProblem.inconsistent("its arrays are encoded as '" + encoding + "'; version " + version + " stores '"
                    + ArrayCodec.ENCODING + "'");
        }
        String kind = ManifestFields.text(m, "kind", "the manifest");
        for (Kind k : Kind.values()) {
            if (k.id().equals(kind)) {
                return k;
            }
        }
        throw FileProblem.inconsistent("it holds the unknown kind '" + kind + "' (known: module, teacher, network)");
    }
}
