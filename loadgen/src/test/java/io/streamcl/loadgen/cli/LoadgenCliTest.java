package io.streamcl.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.loadgen.ExampleStream;
import io.streamcl.loadgen.LoadgenCli;
import io.streamcl.loadgen.images.RequiresFashionMnist;
import io.streamcl.loadgen.file.AvroExampleFile;
import io.streamcl.schemas.Example;
import io.streamcl.schemas.QuantizedFeatures;
import io.streamcl.schemas.Split;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadgenCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return LoadgenCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void helpListsCommandsAndProduceHelpListsEveryOption() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("produce", "write", "replay");

        assertThat(run("produce", "--help")).isZero();
        assertThat(out.toString()).contains("--scenario", "--bootstrap-servers", "--topic", "--rate", "--total",
                "--duration", "--keys", "--key-count", "--key-mode", "--create-topic", "--eval-fraction", "--repeats",
                "--drift-window", "--data-dir", "--dense", "--angles", "--domains", "--classes-per-task",
                "--flip-one", "label-permuted", "bit-flipping", "domain-incremental");
    }

    @Test
    void writesTheSyntheticScenariosToAFile(@TempDir Path dir) {
        writesToAFile(dir, List.of("gaussian", "bit-flipping"));
    }

    @Test
    @RequiresFashionMnist
    void writesEveryFashionMnistScenarioToAFile(@TempDir Path dir) {
        writesToAFile(dir, List.of("split", "task-incremental", "domain-incremental", "permuted", "rotated",
                "label-permuted"));
    }

    private void writesToAFile(Path dir, List<String> scenarios) {
        for (String scenario : scenarios) {
            Path file = dir.resolve(scenario + ".avro");
            assertThat(run("write", "--scenario", scenario, "--output", file.toString(), "--total", "500", "-q"))
                    .as(err.toString()).isZero();
            try (ExampleStream examples = AvroExampleFile.read(file)) {
                assertThat(examples.size()).as(scenario).isEqualTo(500);
            }
        }
        assertThat(out.toString()).contains("wrote 500 examples");
    }

    @Test
    @RequiresFashionMnist
    void writesSeveralKeysWithRecurringBlendedTasks(@TempDir Path dir) {
        Path file = dir.resolve("rotated.avro");

        int status = run("write", "--scenario", "rotated", "--angles", "0,90", "--examples-per-task", "100",
                "--repeats", "3", "--drift-window", "50", "--eval-fraction", "0.25", "--key-count", "2",
                "--key-mode", "independent", "--output", file.toString(), "-q");

        assertThat(status).as(err.toString()).isZero();
        List<Example> examples = new ArrayList<>();
        try (ExampleStream stream = AvroExampleFile.read(file)) {
            stream.forEachRemaining(examples::add);
        }
        assertThat(examples).hasSize(2 * 2 * 100 * 3);
        assertThat(examples).extracting(Example::getKey).containsOnly("learner-0", "learner-1");
        assertThat(examples).extracting(Example::getTaskId).containsOnly(0, 1);
        assertThat(examples).extracting(Example::getSplit).contains(Split.EVAL, Split.TRAIN);
        assertThat(examples).allSatisfy(e -> assertThat(((QuantizedFeatures) e.getFeatures()).getScale())
                .isEqualTo(1f / 255f));
    }

    @Test
    void badValuesNameTheOptionAndTheValue() {
        assertThat(run("produce", "--rate", "fast")).isEqualTo(2);
        assertThat(err.toString()).contains("--rate", "'fast' is not a positive number of examples per second or 'max'");

        assertThat(run("produce", "--scenario", "mnist")).isEqualTo(2);
        assertThat(err.toString()).contains("'mnist' is not a scenario; choose one of gaussian, bit-flipping");

        assertThat(run("produce", "--duration", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("'soon' is not a duration");

        assertThat(run("write", "-o", "x.avro", "--eval-fraction", "1.5")).isEqualTo(2);
        assertThat(err.toString()).contains("eval-fraction must be in [0.0, 1.0), was 1.5");

        assertThat(run("write", "-o", "x.avro", "--scenario", "permuted", "--angles", "10")).isEqualTo(2);
        assertThat(err.toString()).contains("--angles does not apply to --scenario permuted; it is for [rotated]");

        assertThat(run("write", "-o", "x.avro", "--domains", "sepia", "--scenario", "domain-incremental")).isEqualTo(2);
        assertThat(err.toString()).contains("'sepia' is not a domain; choose from original, inverted, upside-down");
    }

    @Test
    void aMistypedOptionGetsASuggestionAndTheUsage() {
        assertThat(run("produce", "--kafka-timeot", "2s")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option", "--kafka-timeout", "Usage: loadgen produce")
                .doesNotContain("Exception");
    }

    @Test
    void defaultsFitTheTrainingJobAndAMismatchIsSaidLoudly() {
        run("produce", "--bootstrap-servers", "127.0.0.1:1", "--kafka-timeout", "1s", "--total", "1", "-q");
        assertThat(err.toString()).doesNotContain("NOTE");

        run("produce", "--features", "20", "--classes", "5", "--bootstrap-servers", "127.0.0.1:1",
                "--kafka-timeout", "1s", "--total", "1", "-q");
        assertThat(err.toString()).contains("NOTE this stream has 20 features and 5 classes",
                "start it with -s model.inputs=20 -s model.classes=5, or it dead-letters every record");
    }

    @Test
    void missingDatasetExitsWithInstallAdvice(@TempDir Path empty) {
        int status = run("write", "--scenario", "split", "--data-dir", empty.toString(), "-o",
                empty.resolve("x.avro").toString());

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("apt-get install dataset-fashion-mnist");
    }

    @Test
    void unreachableBrokerFailsWithAHint() {
        int status = run("produce", "--bootstrap-servers", "127.0.0.1:1", "--create-topic", "--kafka-timeout", "2s",
                "--total", "10", "-q");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("no answer from Kafka at 127.0.0.1:1 within 2 s while creating topic"
                + " 'examples': is a broker running there (--bootstrap-servers)?");
    }
}
