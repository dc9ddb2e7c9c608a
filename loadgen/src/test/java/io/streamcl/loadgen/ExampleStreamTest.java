package io.streamcl.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamcl.loadgen.synthetic.GaussianClusters;
import io.streamcl.schemas.DenseFeatures;
import io.streamcl.schemas.Example;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExampleStreamTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static final Scenario SCENARIO = Scenario.of(GaussianClusters.defaults().withTasks(3),
            StreamPlan.defaults().withSeed(11).withExamplesPerTask(200));

    @Test
    void sameSeedGivesTheSameBytes() {
        byte[][] first = encoded(SCENARIO, List.of("a", "b"), KeyMode.INDEPENDENT).toArray(new byte[0][]);
        byte[][] second = encoded(SCENARIO, List.of("a", "b"), KeyMode.INDEPENDENT).toArray(new byte[0][]);

        assertThat(first.length).isEqualTo(1_200);
        assertThat(first).isDeepEqualTo(second);
    }

    @Test
    void anotherSeedGivesOtherBytes() {
        List<byte[]> one = encoded(SCENARIO, List.of("a"), KeyMode.REPLICATED);
        List<byte[]> other = encoded(SCENARIO.withSeed(12), List.of("a"), KeyMode.REPLICATED);

        assertThat(one.get(0)).isNotEqualTo(other.get(0));
    }

    @Test
    void replicatedKeysGetIdenticalExamplesWithTheirOwnSequenceNumbers() {
        List<Example> examples = drain(ExampleStream.of(List.of("sgd", "adam", "upgd"), KeyMode.REPLICATED, SCENARIO, FIXED));

        assertThat(examples).hasSize(3 * 600);
        for (int i = 0; i < examples.size(); i += 3) {
            Example first = examples.get(i);
            assertThat(examples.subList(i, i + 3)).extracting(Example::getKey).containsExactly("sgd", "adam", "upgd");
            assertThat(examples.subList(i, i + 3)).allSatisfy(e -> {
                assertThat(e.getSeq()).isEqualTo(first.getSeq());
                assertThat(e.getFeatures()).isEqualTo(first.getFeatures());
                assertThat(e.getLabel()).isEqualTo(first.getLabel());
            });
        }
        assertThat(examples).filteredOn(e -> e.getKey().equals("adam")).extracting(Example::getSeq)
                .containsExactlyElementsOf(range(600));
    }

    @Test
    void independentKeysGetDifferentStreams() {
        List<Example> examples = drain(ExampleStream.of(List.of("a", "b"), KeyMode.INDEPENDENT, SCENARIO, FIXED));

        assertThat(examples.get(0).getFeatures()).isNotEqualTo(examples.get(1).getFeatures());
        assertThat(examples).filteredOn(e -> e.getKey().equals("b")).extracting(Example::getSeq)
                .containsExactlyElementsOf(range(600));
    }

    @Test
    void examplesCarryTaskSplitLabelAndDenseFeatures() {
        List<Example> examples = drain(ExampleStream.of(List.of("k"), KeyMode.REPLICATED, SCENARIO, FIXED));

        assertThat(examples).extracting(Example::getTaskId).containsOnly(0, 1, 2);
        assertThat(examples).allSatisfy(e -> {
            assertThat(e.getEventTime()).isEqualTo(FIXED.instant());
            assertThat(e.getLabel()).isBetween(0, 4);
            assertThat(e.getTarget()).isNull();
            assertThat(((DenseFeatures) e.getFeatures()).getValues()).hasSize(20);
        });
    }

    @Test
    void encodedExamplesDecodeToEqualExamples() {
        List<Example> examples = drain(ExampleStream.of(List.of("k"), KeyMode.REPLICATED, SCENARIO, FIXED));

        for (Example e : examples.subList(0, 50)) {
            assertThat(WireFormat.decode(WireFormat.encode(e))).isEqualTo(e);
        }
    }

    @Test
    void rejectsDuplicateKeys() {
        assertThatThrownBy(() -> ExampleStream.of(List.of("a", "a"), KeyMode.REPLICATED, SCENARIO, FIXED))
                .hasMessage("keys must be distinct, were [a, a]");
    }

    private static List<byte[]> encoded(Scenario scenario, List<String> keys, KeyMode mode) {
        List<byte[]> bytes = new ArrayList<>();
        for (Example e : drain(ExampleStream.of(keys, mode, scenario, FIXED))) {
            bytes.add(WireFormat.encode(e));
        }
        return bytes;
    }

    static List<Example> drain(ExampleStream stream) {
        List<Example> examples = new ArrayList<>();
        stream.forEachRemaining(examples::add);
        assertThat(examples).hasSize((int) stream.size());
        return examples;
    }

    private static List<Long> range(long n) {
        List<Long> values = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            values.add(i);
        }
        return values;
    }
}
