package io.streamcl.deploy.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {

    private static final Path LOG_DIR = Path.of("/data/kafka local/kafka-data");

    @Test
    void wiresACombinedKraftNodeOnLoopback() throws IOException {
        Properties p = load(BrokerConfig.serverProperties(9092, 9093, LOG_DIR, Map.of(), null));

        assertThat(p.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(p.getProperty("node.id")).isEqualTo("1");
        assertThat(p.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:9093");
        assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
        assertThat(p.getProperty("advertised.listeners")).isEqualTo(p.getProperty("listeners"));
        assertThat(p.getProperty("controller.listener.names")).isEqualTo("CONTROLLER");
        assertThat(p.getProperty("inter.broker.listener.name")).isEqualTo("PLAINTEXT");
        assertThat(p.getProperty("listener.security.protocol.map"))
                .isEqualTo("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        assertThat(p.getProperty("log.dirs")).isEqualTo(LOG_DIR.toString());
    }

    @Test
    void everyInternalTopicFitsOnOneBroker() throws IOException {
        Properties p = load(BrokerConfig.serverProperties(9092, 9093, LOG_DIR, Map.of(), null));

        assertThat(p).contains(
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("default.replication.factor", "1"),
                Map.entry("min.insync.replicas", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"));
        assertThat(Long.parseLong(p.getProperty("transaction.max.timeout.ms")))
                .as("Flink's exactly-once sink uses a 1 h transaction timeout")
                .isGreaterThanOrEqualTo(3_600_000L);
    }

    @Test
    void overridesWinOverDefaults() throws IOException {
        Properties p = load(BrokerConfig.serverProperties(9092, 9093, LOG_DIR,
                Map.of("auto.create.topics.enable", "false", "num.partitions", "4"), null));

        assertThat(p).contains(Map.entry("auto.create.topics.enable", "false"), Map.entry("num.partitions", "4"));
    }

    @Test
    void refusesToOverrideTheWiring() {
        assertThatThrownBy(() -> BrokerConfig.serverProperties(9092, 9093, LOG_DIR, Map.of("listeners", "x"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'listeners'")
                .hasMessageContaining("port(...)");
        assertThatThrownBy(() -> BrokerConfig.checkOverride(" ", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-blank");
    }

    @Test
    void backslashesAndSpacesInValuesSurviveLoading() throws IOException {
        Path odd = Path.of("/tmp/a dir/with\\backslash");

        assertThat(load(BrokerConfig.serverProperties(1, 2, odd, Map.of(), null)).getProperty("log.dirs"))
                .isEqualTo(odd.toString());
    }

    @Test
    void aSaslPlainListenerSitsBesideThePlaintextOneWithItsUser() throws IOException {
        Properties p = load(BrokerConfig.serverProperties(9092, 9093, LOG_DIR, Map.of(),
                new BrokerConfig.SaslPlainListener(9094, "alice", "s3cret")));

        assertThat(p.getProperty("listeners"))
                .isEqualTo("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093,SASL_PLAINTEXT://127.0.0.1:9094");
        assertThat(p.getProperty("advertised.listeners")).isEqualTo(p.getProperty("listeners"));
        assertThat(p.getProperty("listener.security.protocol.map")).endsWith(",SASL_PLAINTEXT:SASL_PLAINTEXT");
        assertThat(p.getProperty("inter.broker.listener.name")).isEqualTo("PLAINTEXT");
        assertThat(p.getProperty("sasl.enabled.mechanisms")).isEqualTo("PLAIN");
        assertThat(p.getProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config")).isEqualTo(
                "org.apache.kafka.common.security.plain.PlainLoginModule required user_alice=\"s3cret\";");
    }

    @Test
    void refusesAPasswordThatWouldBreakTheJaasLine() {
        assertThatThrownBy(() -> new BrokerConfig.SaslPlainListener(9094, "alice", "a\"b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without quotes");
    }

    @Test
    void log4jWritesToAFileInTheLogsDirAndNotToTheConsole() throws IOException {
        Properties log4j = new Properties();
        log4j.load(new StringReader(BrokerConfig.log4j2Properties()));

        assertThat(log4j.getProperty("appender.file.fileName")).isEqualTo("${sys:kafka.logs.dir}/server.log");
        assertThat(log4j.getProperty("rootLogger.appenderRef.file.ref")).isEqualTo("file");
        assertThat(log4j.stringPropertyNames()).noneMatch(key -> key.contains("console"));
    }

    private static Properties load(Map<String, String> properties) throws IOException {
        Properties loaded = new Properties();
        loaded.load(new StringReader(BrokerConfig.render(properties, "test")));
        assertThat(loaded).hasSameSizeAs(properties);
        return loaded;
    }
}
