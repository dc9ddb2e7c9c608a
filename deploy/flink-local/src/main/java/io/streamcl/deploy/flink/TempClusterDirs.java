package io.streamcl.deploy.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Temporary data directories, and the clean-up of those whose owning JVM was killed before it could delete them. */
final class TempClusterDirs {

    static final String PREFIX = "streamcl-flink-tmp-";

    /** Only directories carrying this file are ever swept, never a data directory a user chose. */
    static final String MARKER = ".streamcl-temporary";

    private TempClusterDirs() {
    }

    static Path create() {
        try {
            Path dir = Files.createTempDirectory(PREFIX);
            Files.createFile(dir.resolve(MARKER));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for the Flink cluster", e);
        }
    }

    /** Best effort: deletes our temporary directories whose cluster is recorded and dead (they may hold 400 MB). */
    static void deleteOrphans() {
        deleteOrphansIn(Path.of(System.getProperty("java.io.tmpdir")));
    }

    // Pid files are required too: a failed start removes them and keeps its logs on purpose.
    static void deleteOrphansIn(Path tempRoot) {
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(tempRoot, PREFIX + "*")) {
            for (Path candidate : candidates) {
                ClusterDir dir = new ClusterDir(candidate);
                if (Files.exists(candidate.resolve(MARKER)) && Files.isWritable(candidate) && dir.isOrphaned()) {
                    dir.delete();
                }
            }
        } catch (IOException | RuntimeException e) {
            // never let housekeeping stop a cluster from starting
        }
    }
}
