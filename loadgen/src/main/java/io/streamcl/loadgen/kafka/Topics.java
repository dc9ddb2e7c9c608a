package io.streamcl.loadgen.kafka;

import io.streamcl.loadgen.Check;
import io.streamcl.loadgen.LoadgenException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates a Kafka topic unless it already exists. */
public final class Topics {

    private Topics() {
    }

    /**
     * Creates {@code topic} with the given partitions and replication factor, or leaves an existing one as it is.
     *
     * @return true when the topic was created, false when it already existed
     * @throws LoadgenException when the broker cannot be reached or refuses
     */
    public static boolean ensureExists(String bootstrapServers, String topic, int partitions, short replicationFactor,
            Duration timeout) {
        Check.atLeast("partitions", partitions, 1);
        Check.atLeast("replication-factor", replicationFactor, 1);
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, replicationFactor)))
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw noAnswer(bootstrapServers, topic, timeout, e.getCause());
            }
            throw new LoadgenException("cannot create topic '" + topic + "' at " + bootstrapServers + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw noAnswer(bootstrapServers, topic, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadgenException("interrupted while creating topic '" + topic + "'", e);
        }
    }

    private static LoadgenException noAnswer(String bootstrapServers, String topic, Duration timeout, Throwable cause) {
        return new LoadgenException("no answer from Kafka at " + bootstrapServers + " within " + timeout.toSeconds()
                + " s while creating topic '" + topic + "': is a broker running there (--bootstrap-servers)?", cause);
    }
}
