package io.streamcl.deploy.kafka;

import io.streamcl.deploy.process.Ports;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The content of the broker's {@code server.properties} and {@code log4j2.properties}. */
final class BrokerConfig {

    /** Keys that wire the broker to its ports and directories; overriding them would break start-up checks. */
    static final Set<String> MANAGED_KEYS = Set.of(
            "process.roles", "node.id", "controller.quorum.voters", "controller.quorum.bootstrap.servers",
            "listeners", "advertised.listeners", "controller.listener.names", "inter.broker.listener.name",
            "listener.security.protocol.map", "log.dirs", "log.dir", "metadata.log.dir", "sasl.enabled.mechanisms",
            "listener.name.sasl_plaintext.plain.sasl.jaas.config");

    private BrokerConfig() {
    }

    /** A SASL_PLAINTEXT listener with the PLAIN mechanism and one user, beside the PLAINTEXT one. */
    record SaslPlainListener(int port, String user, String password) {
        SaslPlainListener {
            if (user == null || !user.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("SASL user '" + user + "' must be letters, digits, '.', '_' or '-'");
            }
            if (password == null || password.isEmpty() || password.contains("\"") || password.contains("\\")) {
                throw new IllegalArgumentException("The SASL password must be non-empty, without quotes or backslashes");
            }
        }

        String address() {
            return "SASL_PLAINTEXT://" + Ports.HOST + ":" + port;
        }
    }

    /**
     * Properties for a single-node KRaft broker (broker and controller in one process) on 127.0.0.1.
     *
     * @param overrides extra broker settings; they win over the defaults here but may not touch {@link #MANAGED_KEYS}
     * @param sasl a second, authenticated client listener; null for none
     */
    static Map<String, String> serverProperties(int port, int controllerPort, Path logDir,
                                                Map<String, String> overrides, SaslPlainListener sasl) {
        overrides.forEach(BrokerConfig::checkOverride);
        String broker = "PLAINTEXT://" + Ports.HOST + ":" + port;
        String controller = "CONTROLLER://" + Ports.HOST + ":" + controllerPort;
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        // A static voter set is formatted without --standalone and survives port changes between restarts.
        p.put("controller.quorum.voters", "1@" + Ports.HOST + ":" + controllerPort);
        String listeners = broker + "," + controller + (sasl == null ? "" : "," + sasl.address());
        p.put("listeners", listeners);
        p.put("advertised.listeners", listeners);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
                + (sasl == null ? "" : ",SASL_PLAINTEXT:SASL_PLAINTEXT"));
        if (sasl != null) {
            p.put("sasl.enabled.mechanisms", "PLAIN");
            p.put("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + sasl.user() + "=\""
                            + sasl.password() + "\";");
        }
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // The internal topics default to replication factor 3, which one broker can never satisfy: consumer groups
        // would get nothing and transactional producers would time out.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // 50 partitions per internal topic is sized for clusters; one each makes the first group or transaction fast.
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.num.partitions", "1");
        // Flink's exactly-once KafkaSink asks for a 1 h transaction timeout; the broker's 15 min default rejects it.
        p.put("transaction.max.timeout.ms", "3600000");
        // Tests should not wait 3 s for a consumer group's first rebalance.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.putAll(overrides);
        return p;
    }

    /** Renders properties in {@link java.util.Properties#load} syntax, one {@code key=value} per line. */
    static String render(Map<String, String> properties, String comment) {
        StringBuilder text = new StringBuilder("# ").append(comment).append('\n');
        properties.forEach((key, value) -> text.append(key).append('=').append(escape(value)).append('\n'));
        return text.toString();
    }

    /** Log4j 2 configuration: everything to a rolling file under {@code -Dkafka.logs.dir}, nothing to the console. */
    static String log4j2Properties() {
        return String.join("\n",
                "# Written by io.streamcl.deploy.kafka.LocalKafka: the broker logs to files only.",
                "status = warn",
                "appender.file.type = RollingFile",
                "appender.file.name = file",
                "appender.file.fileName = ${sys:kafka.logs.dir}/server.log",
                "appender.file.filePattern = ${sys:kafka.logs.dir}/server.log.%i",
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = [%d] %p %m (%c)%n",
                "appender.file.policies.type = Policies",
                "appender.file.policies.size.type = SizeBasedTriggeringPolicy",
                "appender.file.policies.size.size = 20MB",
                "appender.file.strategy.type = DefaultRolloverStrategy",
                "appender.file.strategy.max = 3",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = file",
                // one line per request: it would drown everything else
                "logger.request.name = kafka.request.logger",
                "logger.request.level = WARN",
                "");
    }

    /** Rejects a blank key, a null value and the keys LocalKafka sets itself. */
    static void checkOverride(String key, String value) {
        if (key == null || key.isBlank() || value == null) {
            throw new IllegalArgumentException("Broker property '" + key + "' = '" + value
                    + "' is invalid: key and value must be non-null and the key non-blank");
        }
        if (MANAGED_KEYS.contains(key)) {
            throw new IllegalArgumentException("Broker property '" + key + "' is set by LocalKafka itself "
                    + "(ports and directories are chosen with port(...) and dataDir(...)); remove the override");
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }
}
