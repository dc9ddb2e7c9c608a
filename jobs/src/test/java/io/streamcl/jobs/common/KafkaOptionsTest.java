package io.streamcl.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KafkaOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void propertiesComeFromTheFileOverriddenByX() throws Exception {
        Path file = Files.writeString(tmp.resolve("client.properties"),
                "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n");

        KafkaOptions options = options("--kafka-properties", file.toString(), "-X", "sasl.mechanism=SCRAM-SHA-512",
                "-X", "client.id=x");

        assertThat(options.clientProperties()).containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("client.id", "x").hasSize(3);
    }

    @Test
    void aPropertyTheJobOwnsIsAUsageErrorNamingTheOptionToUse() {
        assertThatThrownBy(() -> options("-X", "bootstrap.servers=elsewhere:9092").clientProperties())
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("Kafka property bootstrap.servers is set by the job; use --bootstrap-servers");
    }

    @Test
    void anUnreadableFileIsAUsageErrorNamingIt() {
        assertThatThrownBy(() -> options("--kafka-properties", tmp.resolve("missing").toString()).clientProperties())
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageStartingWith("--kafka-properties " + tmp.resolve("missing") + " cannot be read");
    }

    @Test
    void anUnreachableBrokerFailsWithinTheTimeoutNamingTheAddress() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String address = "127.0.0.1:" + port;
        KafkaOptions options = options("--bootstrap-servers", address, "--kafka-timeout", "2s");

        long started = System.nanoTime();
        assertThatThrownBy(options::requireReachable).isInstanceOf(JobStartupException.class)
                .hasMessageStartingWith("Kafka at " + address + " (--bootstrap-servers) did not answer within 2s");
        assertThat((System.nanoTime() - started) / 1e9).as("seconds until the failure").isLessThan(10);
    }

    @Test
    void anUnresolvableHostFailsNamingTheAddress() {
        assertThatThrownBy(() -> options("--bootstrap-servers", "no-such-host.invalid:9092", "--kafka-timeout", "2s")
                .requireReachable())
                .isInstanceOf(JobStartupException.class)
                .hasMessageStartingWith("Kafka at no-such-host.invalid:9092 (--bootstrap-servers) did not answer");
    }

    private static KafkaOptions options(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.options;
    }

    @CommandLine.Command(name = "holder")
    static final class Holder {
        @CommandLine.Mixin
        KafkaOptions options = new KafkaOptions();
    }
}
