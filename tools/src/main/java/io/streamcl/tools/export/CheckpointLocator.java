package io.streamcl.tools.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the latest completed checkpoint under a job's checkpoint directory: the {@code chk-N} directory with a
 * {@code _metadata} file (written last, so its presence means the checkpoint completed) and the highest N, looked
 * for in the directory itself and in its job-id subdirectories. A savepoint directory is its own answer.
 */
final class CheckpointLocator {
    private CheckpointLocator() {}

    static Path latest(Path directory) throws IOException {
        if (Files.exists(directory.resolve("_metadata"))) {
            return directory;
        }
        if (!Files.isDirectory(directory)) {
            throw new IOException("--checkpoints " + directory + " is not a directory");
        }
        try (Stream<Path> paths = Files.find(directory, 2, (p, attributes) -> attributes.isDirectory()
                && p.getFileName().toString().matches("chk-\\d+") && Files.exists(p.resolve("_metadata")))) {
            Optional<Path> newest = paths.max(Comparator.comparingLong(CheckpointLocator::number));
            return newest.orElseThrow(() -> new IOException("no completed checkpoint (chk-N/_metadata) under "
                    + directory + ": is the job's checkpoint retention on (execution.checkpointing.externalized-"
                    + "checkpoint-retention: RETAIN_ON_CANCELLATION)?"));
        }
    }

    private static long number(Path checkpoint) {
        return Long.parseLong(checkpoint.getFileName().toString().substring("chk-".length()));
    }
}
