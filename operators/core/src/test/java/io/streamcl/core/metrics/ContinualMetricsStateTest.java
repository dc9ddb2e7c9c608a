package io.streamcl.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
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
        future[3] = 2;
        assertThatThrownBy(() -> ContinualMetrics.readFrom(input(future), CONFIG))
                .isInstanceOf(IOException.class)
                .hasMessage("continual metrics have format version 2, this build reads 1");
        assertThatThrownBy(() -> ContinualMetrics.readFrom(input(bytes(metrics)), CONFIG.withLcaBeta(5)))
                .isInstanceOf(IOException.class)
                .hasMessage("continual metrics were written with lcaBeta 10, the config has 5: LCA sums cannot be "
                        + "converted");
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
     * 100 000 steps, about 800 000 evaluations. Per task the binary form holds 3 830 bytes at most (81 of scalars,
     * 42 of matrix column, 4 x 20 + (10 + 100 + 10 + 100) x 16 = 3 600 of WF/WP windows when full, 12 of LCA, 20 of
     * online tally, 75 of stability gap) and 41 of header, so 8 tasks stay under 8 x 3 830 + 41 = 30 681 bytes.
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
                    metrics.recordEvaluation(step, task, 1 - (step % 1000) / 1000.0, Double.NaN);
                }
                metrics.recordPredictions(segment, 3, 4);
            }
            largest = Math.max(largest, bytes(metrics).length);
        }
        assertThat(metrics.report().tasks()).hasSize(maxTasks);
        assertThat(largest).isLessThanOrEqualTo(maxTasks * 3_830 + 41);
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
