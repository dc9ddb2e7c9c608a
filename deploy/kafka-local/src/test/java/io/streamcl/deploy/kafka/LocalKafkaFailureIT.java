package io.streamcl.deploy.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaFailureIT {

    @TempDir
    Path dataDir;

    @Test
    void aPortInUseIsReportedWithWhatToDo() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> LocalKafka.builder().port(port).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Port " + port + " on 127.0.0.1 is already in use")
                    .hasMessageContaining("0 picks a free one");
        }
    }

    @Test
    void aBrokerThatDiesDuringStartUpIsReportedWithItsLog() {
        LocalKafka.Builder builder = LocalKafka.builder().dataDir(dataDir)
                .property("authorizer.class.name", "io.streamcl.NoSuchAuthorizer");

        assertThatThrownBy(builder::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with code 1 during start-up "
                        + "(java.lang.ClassNotFoundException: io.streamcl.NoSuchAuthorizer)")
                .hasMessageContaining(dataDir.toString());
        assertThat(new BrokerDir(dataDir).pidFile()).doesNotExist();
    }

    @Test
    void anInvalidSettingFailsTheFormatStepWithItsOutput() {
        LocalKafka.Builder builder = LocalKafka.builder().dataDir(dataDir).property("num.io.threads", "0");

        assertThatThrownBy(builder::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Formatting the Kafka storage")
                .hasMessageContaining("ConfigException: Invalid value 0 for configuration num.io.threads");
    }

    @Test
    void theBrokerStopsWhenItsParentJvmIsKilled() throws Exception {
        Process parent = new ProcessBuilder(javaWithTestClasspath(BrokerOwnerMain.class.getName(), dataDir.toString()))
                .redirectErrorStream(true)
                .start();
        try {
            long brokerPid = readBrokerPid(parent);
            ProcessHandle broker = ProcessHandle.of(brokerPid).orElseThrow();

            parent.destroyForcibly(); // SIGKILL: no shutdown hook runs, only the broker's stdin watchdog can help

            assertThat(broker.onExit().get(60, TimeUnit.SECONDS).isAlive()).isFalse();
        } finally {
            parent.destroyForcibly();
            new BrokerDir(dataDir).runningBroker().ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static long readBrokerPid(Process parent) throws IOException {
        BufferedReader output = new BufferedReader(
                new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith("BROKER_PID ")) {
                return Long.parseLong(line.substring("BROKER_PID ".length()).strip());
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("The parent JVM ended without starting a broker:\n" + seen);
    }

    private static List<String> javaWithTestClasspath(String mainClass, String arg) {
        // failsafe runs tests from a manifest-only jar and publishes the real classpath here
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", classpath, mainClass, arg);
    }
}
