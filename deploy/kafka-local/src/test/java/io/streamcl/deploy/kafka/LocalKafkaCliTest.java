package io.streamcl.deploy.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.deploy.process.LauncherCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class LocalKafkaCliTest {

    @TempDir
    Path dataDir;

    private final StringWriter out = new StringWriter();

    @ParameterizedTest
    @ValueSource(strings = {"start", "status", "stop"})
    void everyCommandHasHelp(String command) {
        assertThat(run(command, "--help")).isZero();
        assertThat(out.toString()).contains("Usage: kafka-local " + command).contains("--data-dir");
    }

    @Test
    void withoutACommandItPrintsUsage() {
        StringWriter err = new StringWriter();
        CommandLine cli = LocalKafkaCli.commandLine();
        cli.setErr(new PrintWriter(err));

        assertThat(cli.execute()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing command").contains("start").contains("stop");
    }

    @Test
    void statusAndStopOfANeverStartedBroker() {
        assertThat(run("status", "--data-dir", dataDir.toString())).isEqualTo(LauncherCli.NOT_RUNNING);
        assertThat(run("stop", "--data-dir", dataDir.toString())).isZero();
        assertThat(out.toString()).contains("not running (data dir " + dataDir);
    }

    private int run(String... args) {
        CommandLine cli = LocalKafkaCli.commandLine();
        cli.setOut(new PrintWriter(out));
        return cli.execute(args);
    }
}
