package io.streamcl.flink.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.core.learner.ContinualLearner;
import io.streamcl.core.learner.Position;
import io.streamcl.flink.alert.AlertStateSerializer;
import io.streamcl.flink.alert.LearnerAlerts;
import io.streamcl.flink.learner.LearnerStateSerializer;
import io.streamcl.flink.learner.PositionSerializer;
import io.streamcl.flink.serde.StreamExample;
import io.streamcl.flink.serde.StreamExampleSerializer;
import java.io.IOException;
import java.io.InputStream;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Every committed state format version (golden bytes written by the build that introduced it, see {@link
 * StateFixtures}) restores under this build with the model it was made from and re-writes stably, and this build
 * writes the newest version's bytes exactly, so a format change without a new version fails here.
 */
class GoldenStateTest {
    /**
     * Learner state versions with committed bytes: 1 (the first release), 2 (end-of-input flag, EMA metrics, FWT
     * probe), 3 (held-out, replay and pending rows in their arrival form).
     */
    private static final int[] LEARNER_VERSIONS = {1, 2, 3};
    /** Alert state versions: 1, 2 (evaluation sequence and run), 3 (configuration and last event time of the run). */
    private static final int[] ALERT_VERSIONS = {1, 2, 3};

    @Test
    void everyLearnerStateVersionRestores() throws IOException {
        LearnerStateSerializer serializer = new LearnerStateSerializer(StateFixtures.learnerConfig());
        byte[] current = StateFixtures.bytes(serializer, StateFixtures.learner());
        for (int version : LEARNER_VERSIONS) {
            ContinualLearner restored = restore(serializer, golden("learner-state-v" + version + ".bin"));
            assertThat(restored.learner().step()).as("v%d", version).isEqualTo(StateFixtures.learner().learner().step());
            assertThat(restored.learner().model().parameters()).as("v%d parameters", version)
                    .isEqualTo(StateFixtures.learner().learner().model().parameters());
            // Older versions carry metrics computed under older definitions, so only their re-written form must be
            // stable (read back, written again, same bytes); the newest version must be today's bytes exactly.
            byte[] rewritten = StateFixtures.bytes(serializer, restored);
            assertThat(StateFixtures.bytes(serializer, restore(serializer, rewritten))).as("v%d rewritten", version)
                    .isEqualTo(rewritten);
        }
        assertThat(LEARNER_VERSIONS).contains(ContinualLearner.FORMAT_VERSION);
        assertThat(golden("learner-state-v" + ContinualLearner.FORMAT_VERSION + ".bin")).isEqualTo(current);
    }

    @Test
    void everyAlertStateVersionRestores() throws IOException {
        AlertStateSerializer serializer = new AlertStateSerializer(StateFixtures.alertConfig());
        byte[] current = StateFixtures.bytes(serializer, StateFixtures.alerts());
        for (int version : ALERT_VERSIONS) {
            LearnerAlerts restored = restore(serializer, golden("alert-state-v" + version + ".bin"));
            byte[] rewritten = StateFixtures.bytes(serializer, restored);
            assertThat(StateFixtures.bytes(serializer, restore(serializer, rewritten))).as("v%d rewritten", version)
                    .isEqualTo(rewritten);
        }
        assertThat(golden("alert-state-v" + ALERT_VERSIONS[ALERT_VERSIONS.length - 1] + ".bin")).isEqualTo(current);
    }

    /** The learner's queue and position (format 1 of each), kept beside the learner since the queued layout. */
    @Test
    void queuedExampleAndPositionFormatsAreStable() throws IOException {
        Position position = new Position(2, 5, false);
        assertThat(restore(PositionSerializer.INSTANCE, golden("position-state-v1.bin"))).isEqualTo(position);
        assertThat(StateFixtures.bytes(PositionSerializer.INSTANCE, position)).isEqualTo(golden("position-state-v1.bin"));

        StreamExample example = new StreamExample();
        example.key = "k";
        example.seq = 7;
        example.eventTime = 1000;
        example.sourceTopic = "examples";
        example.sourceOffset = 42;
        example.taskId = 1;
        example.eval = true;
        example.label = 3;
        example.quantized = new byte[] {0, (byte) 128, (byte) 255};
        example.scale = 1 / 255f;
        StreamExampleSerializer serializer = new StreamExampleSerializer();
        byte[] bytes = golden("queued-example-v1.bin");
        assertThat(StateFixtures.bytes(serializer, example)).isEqualTo(bytes);
        StreamExample restored = restore(serializer, bytes);
        assertThat(restored).usingRecursiveComparison().isEqualTo(example);
    }

    private static <T> T restore(TypeSerializer<T> serializer, byte[] bytes) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        T state = serializer.deserialize(in);
        assertThat(in.available()).as("every byte read").isZero();
        return state;
    }

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = GoldenStateTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name + " is committed").isNotNull();
            return in.readAllBytes();
        }
    }
}
