package io.streamcl.flink.state;

import io.streamcl.core.learner.ContinualLearner;
import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.flink.alert.AlertConfig;
import io.streamcl.flink.alert.AlertStateSerializer;
import io.streamcl.flink.alert.LearnerAlerts;
import io.streamcl.core.detect.AccuracyDefaults;
import io.streamcl.flink.config.AlertSettings;
import io.streamcl.flink.config.LearnerSettings;
import io.streamcl.flink.learner.LearnerStateSerializer;
import io.streamcl.schemas.AggregateMetrics;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.TaskMetrics;
import io.streamcl.schemas.codec.EventCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The learner and alert states whose serialized bytes are committed as golden fixtures ({@code
 * learner-state-vN.bin}, {@code alert-state-vN.bin} beside this class's package in the test resources), built the
 * same way by every build: a small learner with Adam, replay and held-out sets through two tasks with a partial batch
 * pending, and the alert state after a dip. Only API that every released state version had is used, so the
 * generator also runs on an old checkout. When a state format version changes, run {@link #main} once with the
 * resources directory and the versions to name the new files, and commit them next to the old ones.
 */
public final class StateFixtures {
    /** The settings both the fixtures and their restore test use. */
    public static final Map<String, String> LEARNER_SETTINGS = Map.of(
            LearnerSettings.INPUTS, "4", LearnerSettings.CLASSES, "3", LearnerSettings.HIDDEN, "8",
            LearnerSettings.OPTIMIZER, "adam(lr=0.01)", LearnerSettings.BATCH_SIZE, "4",
            LearnerSettings.REPLAY, "reservoir(capacity=20,batch=4)", LearnerSettings.EVAL_SAMPLES, "10",
            LearnerSettings.EVAL_EVERY, "5");

    static {
        EventCodec.trustGeneratedClasses();
    }

    private StateFixtures() {}

    public static ContinualLearnerConfig learnerConfig() {
        return LearnerSettings.parse(LEARNER_SETTINGS);
    }

    /**
     * Alert settings on the detector that was the default when alert state v1 was written ({@code ewma-drop}): a
     * detector's state restores only under its own kind, and the fixtures pin the format, not today's defaults.
     */
    public static AlertConfig alertConfig() {
        return AlertSettings.parse(Map.of(AlertSettings.DETECTOR, AccuracyDefaults.ewmaDrop().canonical()));
    }

    /** 203 examples over two tasks, every tenth held out: two task sets, a full replay memory, 3 examples pending. */
    public static ContinualLearner learner() {
        ContinualLearner learner = ContinualLearner.create(learnerConfig());
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 203; i++) {
            int label = random.nextInt(3);
            float[] x = new float[4];
            for (int j = 0; j < 4; j++) {
                x[j] = (float) ((j == label ? 2 : 0) + 0.3 * random.nextGaussian());
            }
            learner.observe(i < 100 ? 0 : 1, i, 1_000L + i, x, label, i % 10 == 0);
        }
        return learner;
    }

    /** Alert state of key k after 50 evaluations with a dip of task 0 from evaluation 41 on. */
    public static LearnerAlerts alerts() {
        LearnerAlerts alerts = LearnerAlerts.create(alertConfig());
        for (int i = 1; i <= 50; i++) {
            double accuracy = i > 40 ? 0.6 : 0.9;
            alerts.observe(EvaluationEvent.newBuilder().setKey("k").setModelStep(10L * i).setExamplesSeen(160L * i)
                    .setEventTime(Instant.ofEpochMilli(1_000_000L + i)).setConfigHash("cafe").setCurrentTask(1)
                    .setTrainLoss(0.5)
                    .setTasks(List.of(TaskMetrics.newBuilder().setTaskId(0).setAccuracy(accuracy).build(),
                            TaskMetrics.newBuilder().setTaskId(1).setAccuracy(0.8).build()))
                    .setAggregate(AggregateMetrics.newBuilder().build()).build());
        }
        return alerts;
    }

    public static <T> byte[] bytes(TypeSerializer<T> serializer, T state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(4096);
        serializer.serialize(state, out);
        return out.getCopyOfBuffer();
    }

    /** Writes this build's fixtures: arguments are the directory, the learner and the alert state format versions. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.write(dir.resolve("learner-state-v" + args[1] + ".bin"),
                bytes(new LearnerStateSerializer(learnerConfig()), learner()));
        Files.write(dir.resolve("alert-state-v" + args[2] + ".bin"),
                bytes(new AlertStateSerializer(alertConfig()), alerts()));
    }
}
