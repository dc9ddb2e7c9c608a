package io.streamcl.deploy.kafka;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that runs one real {@link LocalKafka} broker for all tests of a class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalKafkaExtension KAFKA = new LocalKafkaExtension().withTopics("examples");
 * }</pre>
 *
 * Register it on a {@code static} field: it starts the broker before all tests and stops it after them.
 * {@code @Nested} classes share the broker of the class that registered it.
 */
public final class LocalKafkaExtension implements BeforeAllCallback, AfterAllCallback {

    private final LocalKafka.Builder builder = LocalKafka.builder();
    private LocalKafka kafka;
    private String ownerId;

    /** Topics with one partition each, created before the first test. */
    public LocalKafkaExtension withTopics(String... names) {
        builder.topics(names);
        return this;
    }

    /** A topic created before the first test. */
    public LocalKafkaExtension withTopic(String name, int partitions) {
        builder.topic(name, partitions);
        return this;
    }

    /** A broker setting for {@code server.properties}, e.g. {@code auto.create.topics.enable=false}. */
    public LocalKafkaExtension withProperty(String key, String value) {
        builder.property(key, value);
        return this;
    }

    /** A SASL_PLAINTEXT listener (mechanism PLAIN) for this one user; see {@link LocalKafka#saslBootstrapServers()}. */
    public LocalKafkaExtension withSaslPlainUser(String user, String password) {
        builder.saslPlainUser(user, password);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // @Nested classes run beforeAll again with the outer registration; they reuse the running broker.
        if (kafka == null) {
            kafka = builder.start();
            ownerId = context.getUniqueId();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (kafka != null && context.getUniqueId().equals(ownerId)) {
            try {
                kafka.close();
            } finally {
                kafka = null;
                ownerId = null;
            }
        }
    }

    /** The address for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return kafka().bootstrapServers();
    }

    /** Creates a topic unless it exists, and waits until it has leaders. */
    public void createTopic(String name, int partitions) {
        kafka().createTopic(name, partitions);
    }

    /** The running broker. */
    public LocalKafka kafka() {
        if (kafka == null) {
            throw new IllegalStateException("LocalKafkaExtension has no running broker: register it on a static "
                    + "field with @RegisterExtension, and use it only while the test class runs");
        }
        return kafka;
    }
}
