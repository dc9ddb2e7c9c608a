package io.streamcl.deploy.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** A launcher's temporary data directories, and the sweep of those whose owning JVM was killed before deleting them. */
public final class TempDirs {

    /** Only directories carrying this file are ever swept, never a data directory a user chose. */
    public static final String MARKER = ".streamcl-temporary";

    private final String prefix;
    private final String owner;
    private final Function<Path, RunFiles> runFiles;

    /**
     * @param prefix   the start of the directories' names, one per launcher, e.g. {@code streamcl-kafka-tmp-}
     * @param owner    what runs in them, for errors, e.g. {@code the Kafka broker}
     * @param runFiles the run files of such a directory, to tell whether its children are gone
     */
    public TempDirs(String prefix, String owner, Function<Path, RunFiles> runFiles) {
        this.prefix = prefix;
        this.owner = owner;
        this.runFiles = runFiles;
    }

    /** A new marked directory below {@code java.io.tmpdir}. */
    public Path create() {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Files.createFile(dir.resolve(MARKER));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for " + owner, e);
        }
    }

    /** Best effort: deletes our temporary directories whose children are recorded and dead (they may be large). */
    public void deleteOrphans() {
        deleteOrphansIn(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** {@link #deleteOrphans()} below {@code tempRoot}. */
    public void deleteOrphansIn(Path tempRoot) {
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(tempRoot, prefix + "*")) {
            for (Path candidate : candidates) {
                // Pid files are required too: a failed start removes them and keeps its logs on purpose.
                if (Files.exists(candidate.resolve(MARKER)) && Files.isWritable(candidate)
                        && runFiles.apply(candidate).isOrphaned()) {
                    FileTrees.delete(candidate);
                }
            }
        } catch (IOException | RuntimeException e) {
            // never let housekeeping stop a launcher from starting
        }
    }
}
