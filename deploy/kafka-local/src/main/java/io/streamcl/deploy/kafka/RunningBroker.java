package io.streamcl.deploy.kafka;

import io.streamcl.deploy.process.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A broker that runs on its own, found through the pid file in its data directory (see
 * {@link LocalKafka.Builder#startDetached()}).
 *
 * @param pid              process id of the broker JVM
 * @param bootstrapServers the address for {@code bootstrap.servers}
 * @param dataDir          the data directory it was started with
 */
public record RunningBroker(long pid, String bootstrapServers, Path dataDir) {

    /** The broker started from {@code dataDir}, if its process is alive. */
    public static Optional<RunningBroker> find(Path dataDir) {
        BrokerDir dir = new BrokerDir(dataDir);
        return dir.runningBroker().map(process -> new RunningBroker(
                process.pid(), dir.bootstrapServers().orElse("?"), dir.root()));
    }

    /** The names of the topics (not Kafka's internal ones); fails with a clear message when the broker does not answer. */
    public Set<String> topics() {
        try (TopicAdmin admin = new TopicAdmin(bootstrapServers)) {
            return admin.listTopics(Duration.ofSeconds(10));
        }
    }

    /** Creates the topics (name to partition count) that do not exist yet. */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        partitionsByTopic.forEach(LocalKafka.Builder::checkTopic);
        try (TopicAdmin admin = new TopicAdmin(bootstrapServers)) {
            admin.createTopics(partitionsByTopic);
        }
    }

    /**
     * Sends SIGTERM and waits; kills the broker if it has not stopped within {@code timeout}.
     *
     * @return {@code true} if it stopped cleanly, {@code false} if it had to be killed
     */
    public boolean stop(Duration timeout) {
        BrokerDir dir = new BrokerDir(dataDir);
        // Re-checked against the pid file and command line, so a stale record never signals an unrelated process.
        boolean clean = dir.runningBroker()
                .filter(process -> process.pid() == pid)
                .map(process -> ChildJvm.stop(process, timeout))
                .orElse(true);
        dir.deleteRunFiles();
        return clean;
    }
}
