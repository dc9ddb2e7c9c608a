package io.streamcl.flink.serde;

import io.streamcl.core.learner.LearnerState;
import io.streamcl.core.learner.TrainingProgress;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.codec.EventCodec;
import java.time.Instant;

/** Builds {@link EvaluationEvent}s from a learner's state: the one place core results become Avro. */
public final class EvaluationEvents {
    static {
        // Generated builders resolve defaults through Avro's class checks, not only decoders do.
        EventCodec.trustGeneratedClasses();
    }

    private EvaluationEvents() {}

    /** An event for the current model step carrying the drained training window. */
    public static EvaluationEvent of(String key, LearnerState state, TrainingProgress.Report report,
            Integer currentTask) {
        return EvaluationEvent.newBuilder()
                .setKey(key)
                .setModelStep(state.learner().step())
                .setExamplesSeen(state.learner().examplesSeen())
                .setEventTime(Instant.ofEpochMilli(state.latestEventTime()))
                .setConfigHash(state.learner().config().hash())
                .setCurrentTask(currentTask)
                .setTrainLoss(finiteOrNull(report.meanLoss()))
                .setOnlineAccuracy(finiteOrNull(report.onlineAccuracy()))
                .build();
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
