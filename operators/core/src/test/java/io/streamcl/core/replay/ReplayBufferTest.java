package io.streamcl.core.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.core.state.Features;
import io.streamcl.core.state.LabeledRows;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Tests both replay memories under long streams: the budgets hold, the reservoir stays uniform over tasks, the
 * class-balanced memory equalises imbalanced and class-incremental streams, snapshots continue exactly, and 8-bit
 * rows stay 8-bit.
 */
class ReplayBufferTest {
    private static final int INPUTS = 3;
    private static final int CLASSES = 6;

    @Test
    void reservoirKeepsItsBudgetAndAUniformShareOfEveryTask() {
        ReplayConfig config = ReplayConfig.parse("reservoir(capacity=1000,max_bytes=12000)");
        ReplayBuffer buffer = config.create(INPUTS, CLASSES, 5);
        assertThat(buffer.capacity()).as("12000 bytes / 16 per example").isEqualTo(750);
        int tasks = 10;
        int perTask = 20_000;
        float[] row = new float[INPUTS];
        for (int i = 0; i < tasks * perTask; i++) {
            row[0] = i / perTask;
            offer(buffer, row, i % CLASSES);
            assertThat(buffer.size()).isLessThanOrEqualTo(750);
        }
        assertThat(buffer.bytes()).isLessThanOrEqualTo(12000);
        int[] share = new int[tasks];
        FloatBuffer out = FloatBuffer.allocate(750 * INPUTS);
        int drawn = buffer.draw(1, 750, out, new int[750], 0);
        assertThat(drawn).isEqualTo(750);
        for (int r = 0; r < drawn; r++) {
            share[(int) out.get(r * INPUTS)]++;
        }
        for (int t = 0; t < tasks; t++) {
            assertThat(share[t]).as("task %d of 10 holds about 75 of 750", t).isBetween(45, 105);
        }
    }

    @Test
    void classBalancedEqualisesAnImbalancedClassIncrementalStream() {
        ReplayBuffer buffer = ReplayConfig.parse("class_balanced(capacity=600)").create(INPUTS, CLASSES, 9);
        ClassBalancedBuffer balanced = (ClassBalancedBuffer) buffer;
        SplittableRandom random = new SplittableRandom(3);
        float[] row = new float[INPUTS];
        long[] seen = new long[CLASSES];
        for (int task = 0; task < 3; task++) {
            for (int i = 0; i < 30_000; i++) {
                // per task two classes, the first nine times as frequent as the second; class 5 is very rare
                int label = random.nextInt(10) == 0 ? 2 * task + 1 : 2 * task;
                if (task == 2 && label == 5 && random.nextInt(100) != 0) {
                    label = 4;
                }
                seen[label]++;
                offer(buffer, row, label);
                assertThat(buffer.size()).isLessThanOrEqualTo(600);
            }
        }
        assertThat(buffer.bytes()).isEqualTo(600 * (4L * INPUTS + 4) + 13L * CLASSES);
        assertThat(buffer.size()).isEqualTo(600);
        assertThat(balanced.stored(5)).as("a class rarer than its share keeps everything").isEqualTo((int) seen[5]);
        int rest = (600 - (int) seen[5]) / 5;
        for (int c = 0; c < 5; c++) {
            assertThat(balanced.stored(c)).as("class %d", c).isBetween(rest - 1, rest + 1);
        }
    }

    @Test
    void drawsDistinctExamplesReproduciblyAndFewerWhenSmall() {
        ReplayBuffer buffer = ReplayConfig.parse("reservoir(capacity=50)").create(INPUTS, CLASSES, 1);
        float[] row = new float[INPUTS];
        for (int i = 0; i < 50; i++) {
            row[0] = i;
            offer(buffer, row, i % CLASSES);
        }
        FloatBuffer a = FloatBuffer.allocate(100 * INPUTS);
        FloatBuffer b = FloatBuffer.allocate(100 * INPUTS);
        int[] labels = new int[100];
        assertThat(buffer.draw(77, 20, a, labels, 2)).isEqualTo(20);
        buffer.draw(77, 20, b, new int[100], 2);
        Set<Float> distinct = new HashSet<>();
        for (int r = 2; r < 22; r++) {
            distinct.add(a.get(r * INPUTS));
            assertThat(labels[r]).isEqualTo((int) a.get(r * INPUTS) % CLASSES);
        }
        assertThat(distinct).hasSize(20);
        assertThat(a.array()).containsExactly(b.array());
        assertThat(buffer.draw(78, 80, a, labels, 0)).isEqualTo(50);
    }

    @Test
    void snapshotsContinueExactlyAsTheOriginal() throws IOException {
        for (String kind : new String[] {"reservoir(capacity=40)", "class_balanced(capacity=40)"}) {
            ReplayConfig config = ReplayConfig.parse(kind);
            ReplayBuffer original = config.create(INPUTS, CLASSES, 4);
            feed(original, 0, 500);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            original.writeTo(new DataOutputStream(bytes));
            ReplayBuffer restored = config.create(INPUTS, CLASSES, 4);
            restored.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            feed(original, 500, 700);
            feed(restored, 500, 700);
            FloatBuffer a = FloatBuffer.allocate(40 * INPUTS);
            FloatBuffer b = FloatBuffer.allocate(40 * INPUTS);
            original.draw(3, 40, a, new int[40], 0);
            restored.draw(3, 40, b, new int[40], 0);
            assertThat(b.array()).as(kind).containsExactly(a.array());
            assertThat(restored.offered()).isEqualTo(original.offered());
        }
    }

    @Test
    void quantizedRowsStayEightBitThroughSnapshotsAndDrawAsTheirDequantisedValues() throws IOException {
        ReplayConfig config = ReplayConfig.parse("reservoir(capacity=64)");
        ReplayBuffer buffer = config.create(INPUTS, CLASSES, 2);
        LabeledRows source = new LabeledRows(1, INPUTS);
        for (int i = 0; i < 200; i++) {
            byte[] values = {(byte) i, (byte) (255 - i), (byte) (i * 7)};
            source.put(0, Features.quantized(values, 0.5f, -1f + i), i % CLASSES);
            buffer.offer(source, 0);
        }
        assertThat(buffer.bytes()).as("64 rows of 3 bytes, scale, offset and label").isEqualTo(64 * (3 + 12));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        buffer.writeTo(new DataOutputStream(bytes));
        ReplayBuffer restored = config.create(INPUTS, CLASSES, 2);
        restored.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        FloatBuffer a = FloatBuffer.allocate(64 * INPUTS);
        FloatBuffer b = FloatBuffer.allocate(64 * INPUTS);
        int[] labels = new int[64];
        buffer.draw(9, 64, a, labels, 0);
        restored.draw(9, 64, b, new int[64], 0);
        assertThat(b.array()).containsExactly(a.array());
        for (int r = 0; r < 64; r++) {
            int i = Math.round((a.get(r * INPUTS) + 1) / 1.5f);
            float offset = -1f + i;
            assertThat(a.get(r * INPUTS + 1)).isEqualTo(offset + 0.5f * ((255 - i) & 0xFF));
            assertThat(a.get(r * INPUTS + 2)).isEqualTo(offset + 0.5f * ((i * 7) & 0xFF));
            assertThat(labels[r]).isEqualTo(i % CLASSES);
        }
    }

    private static void offer(ReplayBuffer buffer, float[] x, int label) {
        LabeledRows source = new LabeledRows(1, x.length);
        source.put(0, Features.dense(x), label);
        buffer.offer(source, 0);
    }

    private static void feed(ReplayBuffer buffer, int from, int to) {
        SplittableRandom random = new SplittableRandom(from);
        float[] row = new float[INPUTS];
        for (int i = from; i < to; i++) {
            row[0] = i;
            row[1] = (float) random.nextGaussian();
            offer(buffer, row, i < 300 ? i % 2 : 2 + i % 4);
        }
    }
}
