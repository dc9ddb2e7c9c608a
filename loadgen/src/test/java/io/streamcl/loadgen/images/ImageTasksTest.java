package io.streamcl.loadgen.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamcl.loadgen.WireFormat;
import io.streamcl.loadgen.ExampleStream;
import io.streamcl.loadgen.FeatureVector;
import io.streamcl.loadgen.KeyMode;
import io.streamcl.loadgen.Sample;
import io.streamcl.loadgen.Scenario;
import io.streamcl.loadgen.StreamPlan;
import io.streamcl.loadgen.TaskSampler;
import io.streamcl.schemas.Split;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@RequiresFashionMnist
class ImageTasksTest {

    private static final FashionMnist DATA = FashionMnist.load();
    private static final Map<ByteBuffer, Set<Integer>> TRAIN_LABELS = labelsByImage(DATA.train());
    private static final Map<ByteBuffer, Set<Integer>> TEST_LABELS = labelsByImage(DATA.test());

    @Test
    void splitTasksHaveDisjointClassSetsCoveringAllClasses() {
        ClassSplit split = new ClassSplit(new int[] {3, 1, 4, 0, 5, 9, 2, 6, 8, 7}, 2, false);
        Set<Integer> seen = new HashSet<>();

        for (int t = 0; t < split.taskCount(); t++) {
            for (int c : split.classesOf(t)) {
                assertThat(seen.add(c)).as("class %d appears in two tasks", c).isTrue();
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(split.classesOf(1)).containsExactly(4, 0);
    }

    @Test
    void classIncrementalSamplesCarryOnlyTheirTasksClasses() {
        ImageTasks tasks = ImageTasks.classIncremental(DATA, 2, ImageTasks.naturalClassOrder());
        TaskSampler sampler = tasks.sampler(1);

        for (int t = 0; t < 5; t++) {
            Set<Integer> labels = new HashSet<>();
            for (int i = 0; i < 400; i++) {
                labels.add(sampler.draw(t, i % 3 == 0 ? Split.EVAL : Split.TRAIN).label());
            }
            assertThat(labels).containsExactlyInAnyOrder(2 * t, 2 * t + 1);
        }
        assertThat(tasks.classCount()).isEqualTo(10);
        assertThat(tasks.naturalTaskLength()).isEqualTo(12_000);
    }

    @Test
    void taskIncrementalRenumbersLabelsWithinEachTask() {
        ImageTasks tasks = ImageTasks.taskIncremental(DATA, 5, new int[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0});
        TaskSampler sampler = tasks.sampler(1);
        List<Integer> labels = new ArrayList<>();

        for (int i = 0; i < 500; i++) {
            Sample s = sampler.draw(1, Split.TRAIN);
            labels.add(s.label());
            // Task 1 holds classes 4, 3, 2, 1, 0, so local label L is dataset class 4 - L.
            assertThat(TRAIN_LABELS.get(ByteBuffer.wrap(pixels(s)))).contains(4 - s.label());
        }
        assertThat(tasks.classCount()).isEqualTo(5);
        assertThat(new HashSet<>(labels)).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    }

    @Test
    void rejectsClassesPerTaskThatDoNotDivideTheClasses() {
        assertThatThrownBy(() -> ImageTasks.classIncremental(DATA, 3, ImageTasks.naturalClassOrder()))
                .hasMessage("classes-per-task must divide the number of classes (10), was 3");
        assertThatThrownBy(() -> ImageTasks.classIncremental(DATA, 2, new int[] {1, 1}))
                .hasMessage("class-order must not repeat a class, was [1, 1]");
    }

    @Test
    void evalExamplesComeFromTheTestSetAndTrainExamplesFromTheTrainingSet() {
        TaskSampler sampler = ImageTasks.classIncremental(DATA, 2, ImageTasks.naturalClassOrder()).sampler(3);

        for (int i = 0; i < 300; i++) {
            assertThat(TEST_LABELS).containsKey(ByteBuffer.wrap(pixels(sampler.draw(i % 5, Split.EVAL))));
            assertThat(TRAIN_LABELS).containsKey(ByteBuffer.wrap(pixels(sampler.draw(i % 5, Split.TRAIN))));
        }
    }

    @Test
    void oneTaskLengthIsOnePassWithoutRepeats() {
        TaskSampler sampler = ImageTasks.classIncremental(DATA, 2, ImageTasks.naturalClassOrder()).sampler(3);
        Set<ByteBuffer> seen = new HashSet<>();

        for (int i = 0; i < 12_000; i++) {
            seen.add(ByteBuffer.wrap(pixels(sampler.draw(0, Split.TRAIN))));
        }
        // Every one of the 12,000 training images of classes 0 and 1 exactly once (less a few duplicate images).
        assertThat(seen.size()).isGreaterThan(11_950);
    }

    @Test
    void labelPermutationIsABijectionPerTaskAndKeepsTheImages() {
        for (int task = 0; task < 30; task++) {
            int[] map = PermutedLabels.labelPermutation(42, 10, task);
            assertThat(IntStream.of(map).boxed().toList()).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        }
        TaskSampler sampler = ImageTasks.labelPermuted(DATA, 30).sampler(42);
        for (int i = 0; i < 100; i++) {
            assertThat(TRAIN_LABELS).containsKey(ByteBuffer.wrap(pixels(sampler.draw(i % 30, Split.TRAIN))));
        }
    }

    @Test
    void pixelsAreQuantizedWithScaleOneOver255OrDenseOnRequest() {
        Sample quantized = ImageTasks.permuted(DATA, 3).sampler(9).draw(2, Split.TRAIN);
        Sample dense = ImageTasks.permuted(DATA, 3).dense().sampler(9).draw(2, Split.TRAIN);

        FeatureVector.Quantized q = (FeatureVector.Quantized) quantized.features();
        assertThat(q.scale()).isEqualTo(1f / 255f);
        assertThat(q.offset()).isZero();
        assertThat(dense.features()).isInstanceOf(FeatureVector.Dense.class);
        for (int i = 0; i < 784; i++) {
            assertThat(dense.features().value(i)).isEqualTo(q.value(i));
            assertThat(dense.features().value(i)).isBetween(0f, 1f);
        }
    }

    @Test
    void sameSeedGivesTheSameBytesOverFashionMnist() {
        Scenario scenario = Scenario.of(ImageTasks.permuted(DATA, 4),
                StreamPlan.defaults().withSeed(5).withExamplesPerTask(300).withDriftWindow(100).withRepeats(2));
        Clock fixed = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

        byte[][] first = encode(ExampleStream.of(List.of("a", "b"), KeyMode.INDEPENDENT, scenario, fixed));
        byte[][] second = encode(ExampleStream.of(List.of("a", "b"), KeyMode.INDEPENDENT, scenario, fixed));
        byte[][] otherSeed = encode(ExampleStream.of(List.of("a", "b"), KeyMode.INDEPENDENT, scenario.withSeed(6), fixed));

        assertThat(first.length).isEqualTo(2 * 4 * 300 * 2);
        assertThat(first).isDeepEqualTo(second);
        assertThat(Arrays.deepEquals(first, otherSeed)).isFalse();
    }

    private static byte[][] encode(ExampleStream stream) {
        List<byte[]> bytes = new ArrayList<>();
        stream.forEachRemaining(e -> bytes.add(WireFormat.encode(e)));
        return bytes.toArray(new byte[0][]);
    }

    private static byte[] pixels(Sample s) {
        return ((FeatureVector.Quantized) s.features()).values();
    }

    /** The classes of every distinct image (a handful of images occur twice in Fashion-MNIST). */
    private static Map<ByteBuffer, Set<Integer>> labelsByImage(ImageSet set) {
        Map<ByteBuffer, Set<Integer>> labels = new HashMap<>();
        for (int i = 0; i < set.size(); i++) {
            labels.computeIfAbsent(ByteBuffer.wrap(set.image(i)), k -> new HashSet<>()).add(set.label(i));
        }
        return labels;
    }
}
