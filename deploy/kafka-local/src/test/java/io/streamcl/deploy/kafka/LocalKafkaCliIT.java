package io.streamcl.deploy.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.deploy.process.LauncherCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LocalKafkaCliIT {

    @TempDir
    Path dataDir;

    private StringWriter out;
    private StringWriter err;

    @AfterEach
    void stopWhateverIsLeft() {
        // a detached broker would outlive this JVM if an assertion failed half-way
        RunningBroker.find(dataDir).ifPresent(broker -> broker.stop(Duration.ofSeconds(30)));
    }

    @Test
    void startStatusStopAndRestartWithTheSameData() {
        assertThat(run("start", "--port", "0", "--topics", "a,b", "--partitions", "2")).isZero();
        String bootstrap = out.toString().strip();
        assertThat(bootstrap).startsWith("127.0.0.1:");
        assertThat(err.toString()).contains("Kafka broker started").contains("stop --data-dir " + dataDir);

        assertThat(run("status")).isZero();
        assertThat(out.toString()).startsWith("running").contains(bootstrap).contains("a, b");

        assertThat(run("start", "--topics", "c")).as("start again only adds topics").isZero();
        assertThat(out.toString().strip()).isEqualTo(bootstrap);
        assertThat(err.toString()).contains("already running");

        assertThat(run("stop")).isZero();
        assertThat(out.toString()).startsWith("stopped");
        assertThat(run("status")).isEqualTo(LauncherCli.NOT_RUNNING);

        assertThat(run("start", "--port", "0")).isZero();
        assertThat(run("status")).isZero();
        assertThat(out.toString()).as("topics survive a restart").contains("a, b, c");
        assertThat(run("stop")).isZero();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = LocalKafkaCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] withDir = new String[args.length + 2];
        System.arraycopy(args, 0, withDir, 0, args.length);
        withDir[args.length] = "--data-dir";
        withDir[args.length + 1] = dataDir.toString();
        return cli.execute(withDir);
    }
}
