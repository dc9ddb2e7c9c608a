package io.streamcl.loadgen.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamcl.loadgen.ExampleStream;
import io.streamcl.loadgen.KeyMode;
import io.streamcl.loadgen.LoadgenException;
import io.streamcl.loadgen.Scenario;
import io.streamcl.loadgen.StreamPlan;
import io.streamcl.loadgen.progress.ThroughputReport;
import io.streamcl.loadgen.synthetic.BitFlippingRegression;
import io.streamcl.schemas.Example;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.CodecFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvroExampleFileTest {

    private static final Clock WRITTEN = Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC);
    private static final Scenario SCENARIO = Scenario.of(BitFlippingRegression.defaults().withTasks(3),
            StreamPlan.defaults().withExamplesPerTask(1_000));

    @Test
    void replaysExactlyWhatWasWritten(@TempDir Path dir) {
        Path file = dir.resolve("bits.avro");
        List<Example> expected = all(ExampleStream.of(List.of("a", "b"), KeyMode.REPLICATED, SCENARIO, WRITTEN));

        ThroughputReport report = AvroExampleFile.writer(file).codec(CodecFactory.deflateCodec(6)).description("bits")
                .write(ExampleStream.of(List.of("a", "b"), KeyMode.REPLICATED, SCENARIO, WRITTEN), Long.MAX_VALUE);

        assertThat(report.examples()).isEqualTo(6_000);
        try (ExampleStream replay = AvroExampleFile.read(file)) {
            assertThat(replay.size()).isEqualTo(6_000);
            assertThat(all(replay)).isEqualTo(expected);
        }
        assertThat(AvroExampleFile.description(file)).isEqualTo("bits");
    }

    @Test
    void stopsAtTheRequestedTotal(@TempDir Path dir) {
        Path file = dir.resolve("part.avro");

        AvroExampleFile.writer(file).write(ExampleStream.of("k", SCENARIO), 1_234);

        try (ExampleStream replay = AvroExampleFile.read(file)) {
            assertThat(replay.size()).isEqualTo(1_234);
        }
    }

    @Test
    void restampingReplacesTheEventTime(@TempDir Path dir) {
        Path file = dir.resolve("stamped.avro");
        AvroExampleFile.writer(file).write(ExampleStream.of(List.of("k"), KeyMode.REPLICATED, SCENARIO, WRITTEN), 10);
        Clock replayed = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

        try (ExampleStream replay = AvroExampleFile.read(file, replayed)) {
            assertThat(all(replay)).extracting(Example::getEventTime).containsOnly(replayed.instant());
        }
    }

    @Test
    void missingFileSaysHowToMakeOne(@TempDir Path dir) {
        assertThatThrownBy(() -> AvroExampleFile.read(dir.resolve("nope.avro")))
                .isInstanceOf(LoadgenException.class)
                .hasMessageContaining("no such file")
                .hasMessageContaining("loadgen write --output");
    }

    private static List<Example> all(ExampleStream stream) {
        List<Example> examples = new ArrayList<>();
        stream.forEachRemaining(examples::add);
        return examples;
    }
}
