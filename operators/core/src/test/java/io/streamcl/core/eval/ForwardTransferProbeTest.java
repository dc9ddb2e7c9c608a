package io.streamcl.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.core.model.Activation;
import io.streamcl.core.model.Mlp;
import io.streamcl.core.model.MlpConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tests {@link ForwardTransferProbe}: when it measures, what it scores, and what its copy costs in state. */
class ForwardTransferProbeTest {
    /** The benchmark MLP 784-256-256-10: 200 960 + 65 792 + 2 570 = 269 322 parameters. */
    private static final MlpConfig BENCHMARK = new MlpConfig(784, new int[] {256, 256}, 10, Activation.RELU, 0);

    /*
     * State: 4 bytes of task id, then per copy a length and 4 bytes a parameter: 4 + 2 x (4 + 4 x 269 322)
     * = 2 154 588 bytes with EMA weights, 4 + (4 + 4 x 269 322) + 4 (no shadow copy) = 1 077 300 without; 4 bytes
     * once measured.
     */
    @Test
    void aPendingCopyCostsFourBytesPerParameterPerWeightSetAndNothingOnceMeasured() throws IOException {
        Mlp model = Mlp.initialize(BENCHMARK);
        ForwardTransferProbe probe = new ForwardTransferProbe();
        assertThat(bytes(probe).length).isEqualTo(4);
        probe.taskStarted(1, model, Optional.of(model));
        assertThat(bytes(probe).length).isEqualTo(2_154_588);
        probe.taskStarted(2, model, Optional.empty());
        assertThat(bytes(probe).length).as("one copy at most").isEqualTo(1_077_300);

        HeldOutSets sets = new HeldOutSets(200, 784, 10, 0);
        TaskEvaluator evaluator = new TaskEvaluator(model, 1000);
        for (int i = 0; i < 99; i++) {
            sets.offer(2, new float[784], i % 10);
        }
        assertThat(probe.measure(sets, BENCHMARK, evaluator, 100, 200)).isEmpty();
        sets.offer(2, new float[784], 0);
        ForwardTransferProbe restored = ForwardTransferProbe.readFrom(input(bytes(probe)));
        TransferScores scores = restored.measure(sets, BENCHMARK, evaluator, 100, 200).orElseThrow();
        // The copy is the initial model itself, so R_{j-1,j} = b_j; all-zero inputs give one class for every row.
        assertThat(scores.taskId()).isEqualTo(2);
        assertThat(scores.preTrainingAccuracy()).isEqualTo(scores.initialAccuracy());
        assertThat(scores.initialAccuracy()).isIn(0.11, 0.10);
        assertThat(scores.shadowPreTrainingAccuracy()).isNaN();
        assertThat(restored.pending()).isFalse();
        assertThat(bytes(restored).length).isEqualTo(4);
    }

    private static byte[] bytes(ForwardTransferProbe probe) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        probe.writeTo(new DataOutputStream(out));
        return out.toByteArray();
    }

    private static DataInputStream input(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }
}
