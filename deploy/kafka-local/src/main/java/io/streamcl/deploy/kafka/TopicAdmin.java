package io.streamcl.deploy.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** The few admin operations the launcher needs, on one {@link Admin} client. */
final class TopicAdmin implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 100;

    private final String bootstrapServers;
    private final Admin admin;

    TopicAdmin(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "streamcl-local-kafka",
                // start-up polling wants quick failures, not the 30 s / 60 s defaults
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200"));
    }

    /** {@code true} once the broker answers a describe-cluster request with at least one node. */
    boolean answers(Duration timeout) {
        try {
            var options = new DescribeClusterOptions().timeoutMs((int) timeout.toMillis());
            return !admin.describeCluster(options).nodes().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS)
                    .isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
        }
    }

    /** Creates the topics that do not exist yet (existing ones are left as they are) and waits for their leaders. */
    void createTopics(Map<String, Integer> partitionsByTopic) {
        if (partitionsByTopic.isEmpty()) {
            return;
        }
        List<NewTopic> topics = new ArrayList<>();
        partitionsByTopic.forEach((name, partitions) -> topics.add(new NewTopic(name, partitions, (short) 1)));
        admin.createTopics(topics).values().forEach((name, future) -> {
            try {
                get(future);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Cannot create topic '" + name + "' with "
                            + partitionsByTopic.get(name) + " partition(s) on " + bootstrapServers + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
            }
        });
        awaitLeaders(partitionsByTopic.keySet());
    }

    Set<String> listTopics(Duration timeout) {
        try {
            var options = new ListTopicsOptions().timeoutMs((int) timeout.toMillis());
            return new TreeSet<>(get(admin.listTopics(options).names()));
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot list the topics on " + bootstrapServers + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    // Creation returns when the controller committed it; producers started right after should not race the
    // broker's metadata, so wait until every partition has a leader.
    private void awaitLeaders(Set<String> names) {
        long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> described = get(admin.describeTopics(names).allTopicNames());
                boolean ready = described.values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                if (ready) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("Cannot describe topics " + names + " on " + bootstrapServers
                            + ": " + e.getCause().getMessage(), e.getCause());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topics " + names + " on " + bootstrapServers
                        + " have no partition leader after " + CALL_TIMEOUT.toSeconds() + " s");
            }
            sleep();
        }
    }

    private static <T> T get(KafkaFuture<T> future) throws ExecutionException {
        try {
            return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ExecutionException(new org.apache.kafka.common.errors.TimeoutException(
                    "no answer within " + CALL_TIMEOUT.toSeconds() + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while talking to the Kafka broker", e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for topic leaders", e);
        }
    }
}
