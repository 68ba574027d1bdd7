package ntk.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import ntk.backend.Environment;
import ntk.config.ExperimentConfig;
import ntk.data.Category;
import ntk.data.DataDirectory;
import ntk.data.DatasetImages;
import ntk.io.ModuleFiles;
import ntk.train.Teacher;

/**
 * Pre-trained teachers and generic networks kept as module files, so that runs after the first
 * one with the same settings start in seconds instead of re-training (the notebooks share one,
 * and {@code pretrain --notebook-cache} fills it ahead of them). One folder per experiment config,
 * named after it, a hash of all its settings and a fingerprint of the training code
 * ({@link TrainingCodeVersion}): changing any setting, a loss or an architecture trains afresh.
 */
public final class ModuleCache {
    private static final String NETWORK = "network.ntk";

    private final Path folder;
    private final ExperimentConfig config;

    private ModuleCache(Path folder, ExperimentConfig config) {
        this.folder = folder;
        this.config = config;
    }

    /** The cache for {@code config} in the shared folder: NTK_NOTEBOOK_CACHE, else notebooks/.cache beside the data folder. */
    public static ModuleCache shared(ExperimentConfig config) {
        return in(sharedRoot(), config);
    }

    /** The shared folder: NTK_NOTEBOOK_CACHE, else notebooks/.cache (ignored by git). */
    public static Path sharedRoot() {
        return Environment.notebookCache()
                .orElseGet(() -> DataDirectory.root().toAbsolutePath().getParent().resolve("notebooks").resolve(".cache"));
    }

    private static ModuleCache in(Path root, ExperimentConfig config) {
        return new ModuleCache(root.resolve(config.name() + "-" + hash(config.toString()) + "-code-" + TrainingCodeVersion.fingerprint()), config);
    }

    /** The modules from the folder if an earlier run saved them there, else trained now and saved. */
    public Pretrained loadOrTrain(DatasetImages data, Progress progress) {
        return loadOrBuild(() -> Pretrained.train(data, config, progress), progress);
    }

    /**
     * The modules from the folder if an earlier run saved them there, else built now by {@code build}
     * (which must give what training under this cache's settings gives) and saved.
     */
    public Pretrained loadOrBuild(java.util.function.Supplier<Pretrained> build, Progress progress) {
        if (complete()) {
            progress.note("loading the pre-trained modules from " + folder);
            return load();
        }
        progress.note("no pre-trained modules for these settings in " + folder + " yet: training them now, once");
        Pretrained p = build.get();
        save(p);
        progress.note("saved them to " + folder);
        return p;
    }

    private boolean complete() {
        if (!Files.isRegularFile(folder.resolve(NETWORK))) {
            return false;
        }
        return config.categories().all().stream().allMatch(c -> Files.isRegularFile(teacherFile(c)));
    }

    private void save(Pretrained p) {
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the module cache folder " + folder
                    + "; set " + Environment.NOTEBOOK_CACHE + " to a writable folder", e);
        }
        // the teachers first and the network last: complete() only trusts a folder with the network
        p.teachers().forEach((c, t) -> ModuleFiles.saveTeacher(teacherFile(c), t));
        ModuleFiles.saveNetwork(folder.resolve(NETWORK), p.network());
    }

    private Pretrained load() {
        Map<Category, Teacher> teachers = new LinkedHashMap<>();
        for (Category c : config.categories().all()) {
            teachers.put(c, ModuleFiles.loadTeacher(teacherFile(c)));
        }
        return new Pretrained(teachers, ModuleFiles.loadNetwork(folder.resolve(NETWORK)));
    }

    private Path teacherFile(Category c) {
        return folder.resolve("teacher-" + c.id() + ".ntk");
    }

    private static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
