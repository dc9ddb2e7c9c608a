package io.streamcl.deploy.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** Checks of the options the launchers' builders share, failing with the option's name and what it got. */
public final class LaunchOptions {

    private LaunchOptions() {
    }

    /**
     * A data directory: absent or a directory.
     *
     * @param what whose it is, e.g. {@code Kafka}
     */
    public static Path dataDir(Path dir, String what) {
        Objects.requireNonNull(dir, "dataDir");
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(what + " data dir " + dir + " exists and is not a directory");
        }
        return dir;
    }

    /**
     * A port to listen on, 0 meaning "pick a free one".
     *
     * @param what which port it is, e.g. {@code REST port}
     */
    public static int port(int port, String what) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " must be 0 (pick a free one) or 1-65535, got " + port);
        }
        return port;
    }

    /** A timeout longer than zero. */
    public static Duration positive(Duration timeout, String name) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + timeout);
        }
        return timeout;
    }
}
