package io.streamcl.loadgen.cli;

import io.streamcl.loadgen.TaskData;
import java.util.Optional;

/**
 * The training job's default input shape (its settings {@code model.inputs} and {@code model.classes}), which the
 * CLI's synthetic defaults match, so that loadgen and the job started with their defaults work together.
 */
final class JobDefaults {
    static final int INPUTS = 784;
    static final int CLASSES = 10;

    private JobDefaults() {}

    /**
     * A loud note when {@code data} does not fit a training job on its defaults, which would dead-letter every
     * record; empty when it fits.
     */
    static Optional<String> mismatch(TaskData data) {
        if (data.featureCount() == INPUTS && data.classCount() == CLASSES) {
            return Optional.empty();
        }
        String settings = data.classCount() == 0
                ? "-s model.inputs=" + data.featureCount() + " and a regression loss (model.loss)"
                : "-s model.inputs=" + data.featureCount() + " -s model.classes=" + data.classCount();
        return Optional.of("loadgen: NOTE this stream has " + data.featureCount() + " features and "
                + data.classCount() + " classes, the training job defaults to model.inputs=" + INPUTS
                + " and model.classes=" + CLASSES + ": start it with " + settings
                + ", or it dead-letters every record.");
    }
}
