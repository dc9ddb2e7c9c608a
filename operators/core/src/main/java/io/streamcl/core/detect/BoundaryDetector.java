package io.streamcl.core.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Optional;

/**
 * Finds task boundaries in a task-free stream from the training loss (issue 4's drift detector): a rise of the
 * loss that the configured change detector calls significant starts a new segment. One instance per learner;
 * feed it the loss of every update (or every reported mean). Non-finite losses are skipped: a diverging loss is
 * {@link DivergenceAlerts}' business, not a new task.
 */
public final class BoundaryDetector {
    static final String KIND = "boundary-detector";
    static final int FORMAT_VERSION = 1;

    private final BoundaryDetectorConfig config;
    private final ChangeDetector detector;
    private long sinceBoundary;

    private BoundaryDetector(BoundaryDetectorConfig config, ChangeDetector detector) {
        this.config = config;
        this.detector = detector;
    }

    public static BoundaryDetector create(BoundaryDetectorConfig config) {
        return new BoundaryDetector(config, config.detector().create());
    }

    /** Feeds the training loss of update {@code step}; returns the boundary it reveals, if any. */
    public Optional<Boundary> update(long step, double loss) {
        double x = config.log() ? Math.log(loss) : loss;
        if (!Double.isFinite(x)) {
            return Optional.empty();
        }
        sinceBoundary++;
        Optional<Detection> detection = detector.update(step, x);
        if (detection.isEmpty() || detection.get().direction() != Direction.UP || sinceBoundary < config.minSegment()) {
            return Optional.empty();
        }
        sinceBoundary = 0;
        Detection d = detection.get();
        return Optional.of(new Boundary(step, d.onsetStep(), config.log() ? Math.exp(d.baseline()) : d.baseline(), loss));
    }

    public void writeTo(DataOutput out) throws IOException {
        StateFormat.writeHeader(out, KIND, FORMAT_VERSION);
        out.writeLong(sinceBoundary);
        detector.writeTo(out);
    }

    /** Reads a state written by {@link #writeTo} under {@code config}. */
    public static BoundaryDetector readFrom(DataInput in, BoundaryDetectorConfig config) throws IOException {
        StateFormat.readHeader(in, KIND, FORMAT_VERSION);
        long sinceBoundary = in.readLong();
        BoundaryDetector boundaries = new BoundaryDetector(config, config.detector().restore(in));
        boundaries.sinceBoundary = sinceBoundary;
        return boundaries;
    }
}
