package io.streamcl.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests the binary form of {@link ContinualMetrics} and its memory bound. */
class ContinualMetricsStateTest {
    private static final MetricsConfig CONFIG = MetricsConfig.defaults();

    @Test
    void restoredMidStreamContinuesExactlyLikeTheOriginal() throws IOException {
        List<RandomStream.Call> calls = RandomStream.generate(7, 5, 40);
        for (int split : new int[] {0, 1, calls.size() / 3, calls.size() / 2, calls.size() - 1}) {
            ContinualMetrics original = ContinualMetrics.create(CONFIG);
            calls.subList(0, split).forEach(call -> call.applyTo(original));
            ContinualMetrics restored = ContinualMetrics.readFrom(input(bytes(original)), CONFIG);
            assertThat(restored.report()).as("right after restore at call %d", split).isEqualTo(original.report());
            calls.subList(split, calls.size()).forEach(call -> call.applyTo(original));
            calls.subList(split, calls.size()).forEach(call -> call.applyTo(restored));
            assertThat(restored.report()).as("at the end, restored at call %d", split).isEqualTo(original.report());
            assertThat(bytes(restored)).isEqualTo(bytes(original));
        }
    }

    @Test
    void rejectsOtherFormatVersionsAndAnotherLcaBeta() throws IOException {
        ContinualMetrics metrics = ContinualMetrics.create(CONFIG);
        metrics.startTask(0, 1);
        byte[] future = bytes(metrics);
        future[3] = 3;
        assertThatThrownBy(() -> ContinualMetrics.readFrom(input(future), CONFIG))
                .isInstanceOf(IOException.class)
                .hasMessage("continual metrics have format version 3, this build reads 1 to 2");
        assertThatThrownBy(() -> ContinualMetrics.readFrom(input(bytes(metrics)), CONFIG.withLcaBeta(5)))
                .isInstanceOf(IOException.class)
                .hasMessage("continual metrics were written with lcaBeta 10, the config has 5: LCA sums cannot be "
                        + "converted");
    }

    /*
     * continual-metrics-v1.bin: the first 213 calls of RandomStream.generate(7, 5, 40), written by format 1 under the
     * defaults of then (recovery 0.01 absolute, every score counted). Read now, it must equal metrics of this build fed
     * the same calls on full sets under that tolerance, and keep equalling them.
     */
    @Test
    void readsFormatOneAsMetricsWhoseEveryScoreCounted() throws IOException {
        MetricsConfig then = CONFIG.withRecovery(RecoveryTolerance.absolute(0.01));
        List<RandomStream.Call> calls = RandomStream.generate(7, 5, 40).stream()
                .map(call -> call instanceof RandomStream.Evaluation e ? e.full() : call).toList();
        ContinualMetrics restored;
        try (InputStream v1 = getClass().getResourceAsStream("continual-metrics-v1.bin")) {
            restored = ContinualMetrics.readFrom(new DataInputStream(v1), then);
        }
        ContinualMetrics fresh = ContinualMetrics.create(then);
        calls.subList(0, 213).forEach(call -> call.applyTo(fresh));
        assertThat(restored.report()).isEqualTo(fresh.report());
        calls.subList(213, calls.size()).forEach(call -> call.applyTo(restored));
        calls.subList(213, calls.size()).forEach(call -> call.applyTo(fresh));
        assertThat(restored.report()).isEqualTo(fresh.report());
    }

    @Test
    void aSmallerMaxTasksOnRestoreKeepsTheNewestTasks() throws IOException {
        ContinualMetrics metrics = ContinualMetrics.create(CONFIG);
        for (int task = 1; task <= 5; task++) {
            metrics.startTask(task, task);
        }
        ContinualMetrics restored = ContinualMetrics.readFrom(input(bytes(metrics)), CONFIG.withMaxTasks(2));
        assertThat(restored.report().tasks()).extracting(TaskReport::taskId).containsExactly(4, 5);
    }

    /*
     * A task-free stream of 2000 drift segments of 50 updates, every tracked segment evaluated after every update:
     * 100 000 steps, about 800 000 evaluations. Per task the binary form holds 3 854 bytes at most (81 of scalars,
     * 42 of matrix column, 20 of counted score, 4 x 20 + (10 + 100 + 10 + 100) x 16 = 3 600 of WF/WP windows when full,
     * 12 of LCA, 20 of online tally, 79 of stability gap) and 41 of header, so 8 tasks stay under 8 x 3 854 + 41 =
     * 30 873 bytes.
     */
    @Test
    void memoryStaysBoundedOnALongTaskFreeStream() throws IOException {
        int maxTasks = 8;
        ContinualMetrics metrics = ContinualMetrics.create(CONFIG.withMaxTasks(maxTasks));
        ArrayDeque<Integer> tracked = new ArrayDeque<>();
        long step = 0;
        int largest = 0;
        for (int segment = 0; segment < 2000; segment++) {
            metrics.startTask(step, segment);
            tracked.addLast(segment);
            if (tracked.size() > maxTasks) {
                tracked.removeFirst();
            }
            for (int update = 0; update < 50; update++, step++) {
                for (int task : tracked) {
                    // Falling accuracy keeps every WF deque full: the worst case for memory.
                    metrics.recordEvaluation(step, task, 1 - (step % 1000) / 1000.0, Double.NaN, 1000);
                }
                metrics.recordPredictions(segment, 3, 4);
            }
            largest = Math.max(largest, bytes(metrics).length);
        }
        assertThat(metrics.report().tasks()).hasSize(maxTasks);
        assertThat(largest).isLessThanOrEqualTo(maxTasks * 3_854 + 41);
    }

    private static byte[] bytes(ContinualMetrics metrics) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        metrics.writeTo(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static DataInputStream input(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }
}
