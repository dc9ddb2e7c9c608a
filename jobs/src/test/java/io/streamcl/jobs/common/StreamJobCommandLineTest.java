package io.streamcl.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.jobs.training.TrainingJob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs launched as a JVM's main class, as {@code bin/streamcl train} does: usage errors and start-up failures
 * are one message with the right exit code, never a stack trace.
 */
class StreamJobCommandLineTest {
    @TempDir
    Path tmp;

    @Test
    void aMistypedOptionPrintsTheMessageASuggestionAndTheUsageWithExitCode2() throws Exception {
        Run run = trainingJob("--checkpoint-intervall", "10s");

        assertThat(run.exitCode).as(run.stderr).isEqualTo(2);
        assertThat(run.stderr).startsWith("training-job: Unknown options: '--checkpoint-intervall', '10s'")
                .contains("Possible solutions: --checkpoint-interval").contains("Usage: training-job")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aBadSettingValueIsAUsageErrorNamingIt() throws Exception {
        Run run = trainingJob("-s", "learner.batch-size=many");

        assertThat(run.exitCode).as(run.stderr).isEqualTo(2);
        assertThat(run.stderr).startsWith("training-job: ").contains("learner.batch-size").contains("many")
                .contains("Usage: training-job").doesNotContain("\tat ");
    }

    @Test
    void aBadGridOrRoutingRuleIsAUsageErrorNamingTheConfigurationKeyAndValue() throws Exception {
        Path grid = Files.write(tmp.resolve("grid.ini"), List.of("[sgd]", "[replay]", "replay=reservoir(capacity=x)"));

        Run bad = trainingJob("--grid", grid.toString());
        assertThat(bad.exitCode).as(bad.stderr).isEqualTo(2);
        assertThat(bad.stderr).startsWith("training-job: --grid " + grid + " configuration 'replay' (line 2): replay=")
                .contains("capacity=x").contains("Usage: training-job").doesNotContain("\tat ");

        Files.write(grid, List.of("[sgd]", "[adam]", "optimizer=adam"));
        Run unknown = trainingJob("--grid", grid.toString(), "--config-for", "sensor-.*=sgd", "--config-for", ".*=ada");
        assertThat(unknown.exitCode).as(unknown.stderr).isEqualTo(2);
        assertThat(unknown.stderr).startsWith("training-job: --config-for '.*=ada': unknown configuration 'ada';"
                + " the job has [sgd, adam]").doesNotContain("\tat ");
    }

    @Test
    void anUnreachableBrokerIsOneLineAndExitCode1() throws Exception {
        Run run = trainingJob("--bootstrap-servers", "127.0.0.1:1", "--kafka-timeout", "1s",
                "--checkpoint-dir", tmp.toString());

        assertThat(run.exitCode).as(run.stderr).isEqualTo(1);
        assertThat(run.stderr.strip()).startsWith("training-job: Kafka at 127.0.0.1:1 (--bootstrap-servers) did not"
                + " answer within 1s").doesNotContain("\n");
    }

    private record Run(int exitCode, String stderr) {}

    private static Run trainingJob(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), TrainingJob.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), stderr);
    }
}
