package io.streamcl.jobs.common;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.flink.core.fs.FileSystem;

/**
 * Where a job's checkpoints go, checked before the job starts: a directory on any file system Flink can write
 * (a plain path means the local file system), probed by writing and deleting a file in it.
 *
 * <p>Never JobManager memory: that storage refuses any operator state above 5 MB, and a learner with a replay
 * memory or large held-out sets passes it; every checkpoint then fails and the job restarts forever.
 */
public final class CheckpointDirectory {
    private CheckpointDirectory() {}

    /**
     * The default directory when neither the command line nor the cluster names one: {@code checkpoints/} under
     * the local data directory, {@code $STREAMCL_DATA_DIR} or else {@code <java.io.tmpdir>/streamcl-<user>}.
     */
    public static String localDefault() {
        String dataDir = System.getenv("STREAMCL_DATA_DIR");
        Path root = dataDir != null && !dataDir.isBlank() ? Path.of(dataDir)
                : Path.of(System.getProperty("java.io.tmpdir"), "streamcl-" + System.getProperty("user.name"));
        return root.resolve("checkpoints").toAbsolutePath().normalize().toString();
    }

    /**
     * {@code location} as a URI after checking that checkpoints can be written there; {@code setting} names where
     * the location came from (an option or a Flink setting) in the one-line error.
     */
    public static URI requireUsable(String location, String setting) {
        URI uri = toUri(location, setting);
        org.apache.flink.core.fs.Path dir = new org.apache.flink.core.fs.Path(uri);
        try {
            FileSystem fs = dir.getFileSystem();
            if (!fs.mkdirs(dir)) {
                throw new IOException("cannot create the directory");
            }
            org.apache.flink.core.fs.Path probe = new org.apache.flink.core.fs.Path(dir, ".probe-" + UUID.randomUUID());
            fs.create(probe, FileSystem.WriteMode.NO_OVERWRITE).close();
            fs.delete(probe, false);
        } catch (IOException | RuntimeException e) {
            throw new JobStartupException(setting + " '" + location + "' cannot hold checkpoints: " + e.getMessage());
        }
        return uri;
    }

    private static URI toUri(String location, String setting) {
        try {
            URI uri = new URI(location);
            if (uri.getScheme() != null && uri.getScheme().length() > 1) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // not a URI: a local path (which may hold characters a URI may not)
        }
        try {
            return new URI("file", "", Path.of(location).toAbsolutePath().normalize().toString(), null);
        } catch (URISyntaxException | RuntimeException e) {
            throw new JobStartupException(setting + " '" + location + "' is neither a URI nor a local path");
        }
    }
}
