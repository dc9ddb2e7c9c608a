package io.streamcl.deploy.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamcl.deploy.process.LauncherCli;
import io.streamcl.deploy.process.Ports;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The launcher against real Flink processes: start, status, stop, and no process left behind. */
class LocalFlinkIT {

    @Test
    void aTaskManagerTooSmallForItsMemoryPartsIsRefusedWithWhatToDo(@TempDir Path dir) {
        assertThatThrownBy(() -> LocalFlink.builder().dataDir(dir).taskManagerMemory("1g").start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("raise it (CLI: --taskmanager-memory)")
                .hasMessageContaining("exceed configured Total Flink Memory")
                .hasMessageNotContaining("\tat org.apache");
        assertThat(RunningCluster.leftoverProcesses(dir)).isZero();
    }

    @Test
    void aBusyRestPortIsRefusedWithWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Ports.HOST))) {
            assertThatThrownBy(() -> LocalFlink.builder().restPort(taken.getLocalPort()).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort() + " on 127.0.0.1 is already in use")
                    .hasMessageContaining("--rest-port");
        }
    }

    @Test
    void detachedClusterIsFoundThroughItsDataDirAndStopsCompletely(@TempDir Path dir) throws Exception {
        Cli cli = new Cli();
        assertThat(cli.run("start", "--data-dir", dir.toString(), "--rest-port", "0", "--taskmanager-memory", "2g"))
                .as(cli.err()).isZero();
        RunningCluster cluster = RunningCluster.find(dir).orElseThrow();
        assertThat(cli.out()).startsWith(cluster.restAddress().toString());
        assertThat(cluster.taskManagerPids()).hasSize(1);
        assertThat(Files.readString(dir.resolve("conf/config.yaml"), StandardCharsets.UTF_8))
                .contains("pipeline.generic-types: false");

        Cli status = new Cli();
        assertThat(status.run("status", "--data-dir", dir.toString())).isZero();
        assertThat(status.out()).contains("running", "2 free of 2 on 1 TaskManager(s)", "flink        2.2.1");

        Cli again = new Cli();
        assertThat(again.run("start", "--data-dir", dir.toString())).isZero();
        assertThat(again.err()).contains("already running");

        Cli stop = new Cli();
        assertThat(stop.run("stop", "--data-dir", dir.toString())).isZero();
        assertThat(stop.out()).startsWith("stopped 2 process(es)");
        assertThat(alive(cluster.jobManagerPid(), cluster.taskManagerPids().get(0))).isEmpty();
        assertThat(dir.resolve("jobmanager.pid")).doesNotExist();
        assertThat(dir.resolve("log/jobmanager.log")).exists();
        assertThat(new Cli().run("status", "--data-dir", dir.toString())).isEqualTo(LauncherCli.NOT_RUNNING);
    }

    @Test
    void clusterProcessesEndWhenTheJvmThatStartedThemIsKilled() throws Exception {
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ClusterOwnerMain.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Long> pids;
        Path dataDir;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(owner.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = lines.readLine();
            assertThat(line).as("the owner JVM's report of its cluster (it failed to start one otherwise)").isNotNull();
            String[] words = line.split(" ");
            pids = Arrays.stream(words[1].split(",")).map(Long::valueOf).toList();
            dataDir = Path.of(words[3]);
        } finally {
            owner.destroyForcibly(); // SIGKILL: no shutdown hook runs in the owner
        }
        assertThat(owner.waitFor(10, TimeUnit.SECONDS)).isTrue();

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!alive(pids.toArray(Long[]::new)).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(alive(pids.toArray(Long[]::new))).as("cluster JVMs 60 s after their owner was killed").isEmpty();

        // The owner could not delete its temporary directory; the next start's sweep does.
        assertThat(dataDir).exists();
        ClusterDir.TEMP_DIRS.deleteOrphans();
        assertThat(dataDir).doesNotExist();
    }

    private static List<Long> alive(Long... pids) {
        return Arrays.stream(pids).filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .toList();
    }

    /** The CLI run in this JVM with captured output. */
    private static final class Cli {
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();

        int run(String... args) {
            CommandLine cli = LocalFlinkCli.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            return cli.execute(args);
        }

        String out() {
            return out.toString();
        }

        String err() {
            return err.toString();
        }
    }
}
