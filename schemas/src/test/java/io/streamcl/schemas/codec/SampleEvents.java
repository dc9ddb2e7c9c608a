package io.streamcl.schemas.codec;

import io.streamcl.schemas.AggregateMetrics;
import io.streamcl.schemas.AlertKind;
import io.streamcl.schemas.AlertState;
import io.streamcl.schemas.DeadLetter;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.EvaluationTrigger;
import io.streamcl.schemas.Example;
import io.streamcl.schemas.ForgettingAlert;
import io.streamcl.schemas.Prediction;
import io.streamcl.schemas.QuantizedFeatures;
import io.streamcl.schemas.Severity;
import io.streamcl.schemas.Split;
import io.streamcl.schemas.StabilityGap;
import io.streamcl.schemas.TaskMetrics;
import io.streamcl.schemas.WeightsKind;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;

/** One fixed sample record per event type, the content of the golden files. */
final class SampleEvents {
    private static final Instant T = Instant.parse("2026-11-23T12:00:00Z");

    private SampleEvents() {}

    static Map<Class<? extends SpecificRecordBase>, SpecificRecordBase> all() {
        return Map.of(
                Example.class, example(),
                EvaluationEvent.class, evaluation(),
                ForgettingAlert.class, alert(),
                Prediction.class, prediction(),
                DeadLetter.class, deadLetter());
    }

    static Example example() {
        return Example.newBuilder().setKey("stream-a").setSeq(42).setEventTime(T).setTaskId(1).setSplit(Split.EVAL)
                .setFeatures(QuantizedFeatures.newBuilder().setValues(ByteBuffer.wrap(new byte[] {0, 127, (byte) 255}))
                        .setScale(1f / 255).build())
                .setLabel(3).build();
    }

    static EvaluationEvent evaluation() {
        return EvaluationEvent.newBuilder().setKey("stream-a").setModelStep(1000).setExamplesSeen(32000)
                .setEventTime(T).setConfigHash("0123456789abcdef").setCurrentTask(1).setTrainLoss(0.42)
                .setOnlineAccuracy(0.8)
                .setTasks(List.of(TaskMetrics.newBuilder().setTaskId(0).setSamples(500).setAccuracy(0.71).build()))
                .setAggregate(AggregateMetrics.newBuilder().setAvgAccuracy(0.75).setMinAccuracy(0.6).build())
                .setStabilityGaps(List.of(StabilityGap.newBuilder().setTaskId(0).setBoundaryStep(900)
                        .setPreBoundaryAccuracy(0.9).setDepth(0.3).setStepsToMinimum(30L).build()))
                .setEvaluationSeq(101).setConfigName("sgd-replay").setTrigger(EvaluationTrigger.BOUNDARY)
                .setEmaAggregate(AggregateMetrics.newBuilder().setAvgAccuracy(0.78).setMinAccuracy(0.7).build())
                .setEmaStabilityGaps(List.of(StabilityGap.newBuilder().setTaskId(0).setBoundaryStep(900)
                        .setPreBoundaryAccuracy(0.8).setDepth(0.05).setStepsToMinimum(12L).setStepsToRecover(40L)
                        .setClosed(true).build()))
                .build();
    }

    static ForgettingAlert alert() {
        return ForgettingAlert.newBuilder().setAlertId("stream-a/0/900").setKey("stream-a").setTaskId(0)
                .setConfigHash("0123456789abcdef").setModelStep(930).setEventTime(T).setState(AlertState.OPENED)
                .setKind(AlertKind.FORGETTING_SPIKE).setSeverity(Severity.WARNING).setDetector("drop(0.1)").setMetric("accuracy")
                .setOnsetStep(910).setBaseline(0.9).setCurrent(0.6).setDepth(0.3)
                .setConfigName("sgd-replay").setEvaluationSeq(93).build();
    }

    static Prediction prediction() {
        return Prediction.newBuilder().setKey("stream-a").setSeq(7).setModelStep(1000).setEventTime(T)
                .setConfigHash("0123456789abcdef").setWeights(WeightsKind.EMA).setPredictedLabel(2)
                .setProbabilities(List.of(0.1f, 0.2f, 0.7f)).setConfigName("sgd-replay").build();
    }

    static DeadLetter deadLetter() {
        return DeadLetter.newBuilder().setSourceTopic("examples").setPartition(0).setOffset(17)
                .setValue(ByteBuffer.wrap(new byte[] {1, 2, 3})).setReason("not an Avro single-object record")
                .setErrorType("undecodable").setDetectedAt(T).setValueLength(3L)
                .setValueSha256(ByteBuffer.wrap(new byte[32])).build();
    }
}
