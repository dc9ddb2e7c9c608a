package io.streamcl.core.learner;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Everything one learner key keeps between examples: the learner itself, its progress since the last report,
 * and the event time of the newest example; one versioned binary form for all of it.
 */
public final class LearnerState {
    /** Version of the binary form written by {@link #writeTo}. */
    public static final int FORMAT_VERSION = 1;

    private final OnlineLearner learner;
    private final TrainingProgress progress;
    private long latestEventTime;

    public LearnerState(OnlineLearner learner, TrainingProgress progress, long latestEventTime) {
        this.learner = learner;
        this.progress = progress;
        this.latestEventTime = latestEventTime;
    }

    /** A fresh state for a new key. */
    public static LearnerState create(LearnerConfig config) {
        return new LearnerState(OnlineLearner.create(config), new TrainingProgress(), Long.MIN_VALUE);
    }

    public OnlineLearner learner() {
        return learner;
    }

    public TrainingProgress progress() {
        return progress;
    }

    /** Event time (epoch ms) of the newest example seen, or {@link Long#MIN_VALUE} before the first. */
    public long latestEventTime() {
        return latestEventTime;
    }

    public void observeEventTime(long eventTime) {
        latestEventTime = Math.max(latestEventTime, eventTime);
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(FORMAT_VERSION);
        out.writeLong(latestEventTime);
        progress.writeTo(out);
        learner.writeTo(out);
    }

    /** Reads a state written by {@link #writeTo} under the same learner config. */
    public static LearnerState readFrom(DataInput in, LearnerConfig config) throws IOException {
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("learner state has format version " + version + ", this build reads " + FORMAT_VERSION);
        }
        long latestEventTime = in.readLong();
        TrainingProgress progress = TrainingProgress.readFrom(in);
        return new LearnerState(OnlineLearner.readFrom(in, config), progress, latestEventTime);
    }
}
