package io.streamcl.jobs.common;

import io.streamcl.cli.DurationConverter;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * How a job reaches Kafka (a picocli mixin): the bootstrap servers, client properties for its sources and sinks
 * (security settings such as SASL or TLS), and how long start-up waits for the brokers to answer.
 *
 * <p>Secrets belong in the {@code --kafka-properties} file: command-line arguments show up in process lists and
 * in the cluster's logs. Nothing here logs property values.
 */
public final class KafkaOptions {
    /** Client properties the jobs set themselves, and the option that sets each instead. */
    static final Map<String, String> OWNED = Map.of(
            "bootstrap.servers", "--bootstrap-servers",
            "group.id", "--group-id",
            "isolation.level", "nothing: the jobs read committed records only (exactly-once)",
            "transactional.id", "nothing: the sinks derive it from --group-id",
            "key.deserializer", "nothing", "value.deserializer", "nothing",
            "key.serializer", "nothing", "value.serializer", "nothing");

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--kafka-properties", paramLabel = "FILE",
            description = "Kafka client properties for every source and sink, e.g. security.protocol, sasl.mechanism,"
                    + " sasl.jaas.config, ssl.truststore.location; the place for secrets.")
    Path propertiesFile;

    @Option(names = {"-X", "--kafka-property"}, paramLabel = "KEY=VALUE",
            description = "One Kafka client property for every source and sink; overrides --kafka-properties.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--kafka-timeout", paramLabel = "TIME", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long start-up waits for the brokers to answer before the job fails (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    public String bootstrapServers() {
        return bootstrap;
    }

    /** The client properties from the file overridden by {@code -X}; a key the jobs own is a parameter error. */
    public Properties clientProperties() {
        Properties properties = new Properties();
        if (propertiesFile != null) {
            try (Reader reader = Files.newBufferedReader(propertiesFile)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--kafka-properties " + propertiesFile + " cannot be read: " + e.getMessage());
            }
        }
        properties.putAll(overrides);
        for (String key : properties.stringPropertyNames()) {
            String instead = OWNED.get(key);
            if (instead != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Kafka property " + key + " is set by the job; use " + instead);
            }
        }
        return properties;
    }

    /**
     * Fails within {@code --kafka-timeout} with one line naming the address when no broker answers (with these
     * client properties, so a wrong password fails here too), instead of a job that starts and hangs.
     */
    public void requireReachable() {
        Properties properties = clientProperties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        try (Admin admin = Admin.create(properties)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis)).nodes()
                    .get(millis + 1_000L, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted");
        } catch (ExecutionException e) {
            throw unreachable(e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw unreachable("no answer");
        } catch (RuntimeException e) {
            throw unreachable(rootMessage(e));
        }
    }

    private JobStartupException unreachable(String why) {
        return new JobStartupException("Kafka at " + bootstrap + " (--bootstrap-servers) did not answer within "
                + DurationConverter.format(timeout) + ": " + why);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
