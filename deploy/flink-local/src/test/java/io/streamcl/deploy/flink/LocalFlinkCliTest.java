package io.streamcl.deploy.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.deploy.process.LauncherCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LocalFlinkCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = LocalFlinkCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void everyCommandHasHelp() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("start", "submit", "status", "stop");
        for (String command : new String[] {"start", "submit", "status", "stop"}) {
            assertThat(run(command, "--help")).as(command).isZero();
        }
        assertThat(out.toString()).contains("--rest-port", "--taskmanager-memory", "--jar", "--wait", "--data-dir");
    }

    @Test
    void aMissingCommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing command: start, submit, status or stop");
    }

    @Test
    void statusOfNoClusterIsExitCode3(@TempDir Path dir) {
        assertThat(run("status", "--data-dir", dir.toString())).isEqualTo(LauncherCli.NOT_RUNNING);
        assertThat(out.toString()).startsWith("not running");
        assertThat(run("stop", "--data-dir", dir.toString())).isZero();
    }

    @Test
    void submittingAMissingJarSaysHowToBuildIt(@TempDir Path dir) {
        assertThat(run("submit", "--data-dir", dir.toString(), "--jar", dir.resolve("x.jar").toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("flink-local submit: Job jar").contains("mvn -B -q -pl jobs -am package");
    }

    @Test
    void submittingWithoutAClusterSaysHowToStartOne(@TempDir Path dir) throws Exception {
        Path jar = java.nio.file.Files.createFile(dir.resolve("job.jar"));

        assertThat(run("submit", "--data-dir", dir.toString(), "--jar", jar.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("No Flink cluster runs from").contains("deploy/bin/flink-local start");
    }
}
