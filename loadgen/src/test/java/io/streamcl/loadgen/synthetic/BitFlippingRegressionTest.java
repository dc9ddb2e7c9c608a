package io.streamcl.loadgen.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.loadgen.FeatureVector;
import io.streamcl.loadgen.Sample;
import io.streamcl.loadgen.TaskSampler;
import io.streamcl.schemas.Split;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BitFlippingRegressionTest {

    private final BitFlippingRegression paper = BitFlippingRegression.defaults();

    @Test
    void ltuUnitsFireAboveTheReferenceThreshold() {
        // Unit 0: w = (1, -1), b = 1, so S = (2 - 0 + 1) / 2 = 1.5 and tau = 0.7 * 3 - 1.5 = 0.6; it fires unless x = (0, 1).
        // Unit 1: w = (1, 1), b = -1, so S = -0.5 and tau = 2.6, above its largest activation 1: it never fires.
        LtuTargetNetwork net = new LtuTargetNetwork(new int[][] {{1, -1}, {1, 1}}, new int[] {1, -1},
                new int[] {1, -1}, -1, 0.7);

        assertThat(net.target(new byte[] {0, 0})).isEqualTo(0.0);
        assertThat(net.target(new byte[] {1, 0})).isEqualTo(0.0);
        assertThat(net.target(new byte[] {0, 1})).isEqualTo(-1.0);
        assertThat(net.target(new byte[] {1, 1})).isEqualTo(0.0);
    }

    @Test
    void slowBitsStayWithinATaskAndChangeBetweenTasks() {
        TaskSampler sampler = paper.sampler(5);
        Set<String> slowPerTask = new HashSet<>();
        for (int task = 0; task < 20; task++) {
            Set<String> slow = new HashSet<>();
            Set<String> fast = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                byte[] x = bits(sampler.draw(task, Split.TRAIN));
                slow.add(Arrays.toString(Arrays.copyOf(x, 15)));
                fast.add(Arrays.toString(Arrays.copyOfRange(x, 15, 20)));
            }
            assertThat(slow).hasSize(1);
            assertThat(fast).hasSizeGreaterThan(20); // 32 patterns of 5 random bits, 200 draws
            slowPerTask.addAll(slow);
        }
        assertThat(slowPerTask).hasSizeGreaterThan(15);
    }

    @Test
    void flipOneChangesExactlyOneSlowBitPerTask() {
        TaskSampler sampler = paper.withFlipOne(true).sampler(5);
        byte[] previous = Arrays.copyOf(bits(sampler.draw(0, Split.TRAIN)), 15);
        for (int task = 1; task < 50; task++) {
            byte[] slow = Arrays.copyOf(bits(sampler.draw(task, Split.TRAIN)), 15);
            int differences = 0;
            for (int i = 0; i < 15; i++) {
                differences += slow[i] != previous[i] ? 1 : 0;
            }
            assertThat(differences).as("task %d", task).isEqualTo(1);
            previous = slow;
        }
    }

    @Test
    void samplesAreRegressionExamplesOfZeroOneBytes() {
        Sample s = paper.sampler(1).draw(3, Split.EVAL);

        assertThat(s.label()).isNull();
        assertThat(s.target()).isNotNull();
        assertThat(s.taskId()).isEqualTo(3);
        assertThat(s.split()).isEqualTo(Split.EVAL);
        FeatureVector.Quantized q = (FeatureVector.Quantized) s.features();
        assertThat(q.scale()).isEqualTo(1f);
        assertThat(q.values()).hasSize(20).containsOnly(0, 1);
    }

    @Test
    void targetsVaryWithTheInput() {
        TaskSampler sampler = paper.sampler(2);
        Set<Double> targets = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            targets.add(sampler.draw(i / 100, Split.TRAIN).target());
        }
        assertThat(targets).hasSizeGreaterThan(5);
    }

    private static byte[] bits(Sample s) {
        return ((FeatureVector.Quantized) s.features()).values();
    }
}
