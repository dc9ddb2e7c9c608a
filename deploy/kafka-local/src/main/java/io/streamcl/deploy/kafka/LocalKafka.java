package io.streamcl.deploy.kafka;

import io.streamcl.deploy.process.ChildJvm;
import io.streamcl.deploy.process.LaunchOptions;
import io.streamcl.deploy.process.Ports;
import io.streamcl.deploy.process.ShutdownHook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker (KRaft, broker and controller in one node) running in a child JVM on 127.0.0.1.
 *
 * <p>{@code try (LocalKafka kafka = LocalKafka.builder().topic("examples", 4).start()) { ... }}. The broker runs on
 * its own classpath (module {@code deploy/kafka-broker}), so its jars never meet the caller's Kafka client or Flink.
 * It shuts itself down when this JVM ends, even when this JVM is killed.
 */
public final class LocalKafka implements AutoCloseable {

    private final BrokerDir dir;
    private final boolean temporary;
    private final int port;
    private final BrokerConfig.SaslPlainListener sasl;
    private final Process process;
    private final Duration shutdownTimeout;
    private final ShutdownHook shutdownHook;
    private TopicAdmin admin;
    private Duration startupTime = Duration.ZERO;
    private boolean closed;

    private LocalKafka(BrokerDir dir, boolean temporary, int port, BrokerConfig.SaslPlainListener sasl, Process process,
            Duration shutdownTimeout) {
        this.dir = dir;
        this.temporary = temporary;
        this.port = port;
        this.sasl = sasl;
        this.process = process;
        this.shutdownTimeout = shutdownTimeout;
        // Covers a normal exit or SIGTERM of this JVM; the child's stdin watchdog covers SIGKILL and crashes.
        this.shutdownHook = ShutdownHook.register("streamcl-local-kafka-shutdown", this::stopOnJvmExit);
    }

    /** Options for a new broker; {@link Builder#start()} starts it. */
    public static Builder builder() {
        return new Builder();
    }

    /** The address for {@code bootstrap.servers}, e.g. {@code 127.0.0.1:39021}. */
    public String bootstrapServers() {
        return Ports.HOST + ":" + port;
    }

    /**
     * The address of the SASL_PLAINTEXT listener (mechanism PLAIN, the user of {@link Builder#saslPlainUser}); clients
     * need {@code security.protocol=SASL_PLAINTEXT}, {@code sasl.mechanism=PLAIN} and a PlainLoginModule JAAS config.
     */
    public String saslBootstrapServers() {
        if (sasl == null) {
            throw new IllegalStateException("This broker has no SASL listener: start it with saslPlainUser(user, password)");
        }
        return Ports.HOST + ":" + sasl.port();
    }

    /** The client port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The directory holding the configuration, Kafka's data ({@code kafka-data/}) and the logs ({@code logs/}). */
    public Path dataDir() {
        return dir.root();
    }

    /** The process id of the broker JVM. */
    public long pid() {
        return process.pid();
    }

    /** {@code false} once the broker JVM has ended, whether stopped or crashed. */
    public boolean isRunning() {
        return process.isAlive();
    }

    /** From launching the first JVM (storage format) until the broker answered, including topic creation. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Creates a topic with replication factor 1 unless it exists already (then it is left unchanged). */
    public void createTopic(String name, int partitions) {
        createTopics(Map.of(name, partitions));
    }

    /** Creates the topics (name to partition count) that do not exist yet, and waits until they have leaders. */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        partitionsByTopic.forEach(Builder::checkTopic);
        requireOpen().createTopics(partitionsByTopic);
    }

    /** The names of the topics, not counting Kafka's internal ones. */
    public Set<String> topics() {
        return requireOpen().listTopics(Duration.ofSeconds(30));
    }

    /** Stops the broker (SIGTERM, then a kill after the shutdown timeout) and deletes a temporary data directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeAdmin();
        boolean clean = ChildJvm.stop(process.toHandle(), shutdownTimeout);
        shutdownHook.remove();
        dir.deleteRunFiles();
        if (temporary) {
            dir.delete();
        }
        if (!clean) {
            System.getLogger(LocalKafka.class.getName()).log(System.Logger.Level.WARNING,
                    "The Kafka broker (pid " + pid() + ") did not stop within " + shutdownTimeout.toSeconds()
                            + " s of SIGTERM and was killed; its data in " + dir.root() + " may need recovery");
        }
    }

    @Override
    public String toString() {
        return "LocalKafka[" + bootstrapServers() + ", pid " + pid() + ", " + dir.root() + "]";
    }

    // Ownership passes to whoever later stops the broker through its data directory.
    private synchronized RunningBroker detach() {
        closed = true;
        closeAdmin();
        shutdownHook.remove();
        return new RunningBroker(pid(), bootstrapServers(), dir.root());
    }

    private static LocalKafka launch(Builder options, boolean detached) {
        List<Path> classpath = BrokerClasspath.RESOURCE.load();
        if (options.dataDir != null) {
            requireNotRunning(new BrokerDir(options.dataDir));
        }
        int port = options.port == 0 ? Ports.free() : requireFree(options.port);
        int controllerPort = Ports.freeExcept(port);
        BrokerConfig.SaslPlainListener sasl = options.saslUser == null ? null
                : new BrokerConfig.SaslPlainListener(freeExcept(port, controllerPort), options.saslUser, options.saslPassword);
        boolean temporary = options.dataDir == null;
        BrokerDir dir = new BrokerDir(temporary ? createTempDir() : options.dataDir);
        writeConfig(dir, BrokerConfig.serverProperties(port, controllerPort, dir.kafkaData(), options.properties, sasl));

        long started = System.nanoTime();
        BrokerProcess broker = new BrokerProcess(dir, classpath, options.jvmOptions());
        broker.formatIfNeeded(Uuid.randomUuid().toString(), options.startupTimeout);
        Process process = broker.launch(detached);
        LocalKafka kafka = new LocalKafka(dir, temporary, port, sasl, process, options.shutdownTimeout);
        try {
            dir.writeRunFiles(process.pid(), kafka.bootstrapServers());
            new BrokerStartup(dir, process, kafka::admin, port, controllerPort)
                    .await(started + options.startupTimeout.toNanos());
            kafka.admin().createTopics(options.topics);
        } catch (RuntimeException e) {
            kafka.abort();
            throw e;
        }
        kafka.startupTime = Duration.ofNanos(System.nanoTime() - started);
        return kafka;
    }

    // After a failed start the data directory is kept, so its logs can be read.
    private synchronized void abort() {
        closed = true;
        closeAdmin();
        ChildJvm.stop(process.toHandle(), Duration.ofSeconds(5));
        shutdownHook.remove();
        dir.deleteRunFiles();
    }

    private void stopOnJvmExit() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        ChildJvm.stop(process.toHandle(), shutdownTimeout);
        dir.deleteRunFiles();
        if (temporary) {
            dir.delete();
        }
    }

    private synchronized TopicAdmin requireOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        return admin();
    }

    // Created only once the port accepts: an admin client fetches metadata at once and warns per refused connection.
    private synchronized TopicAdmin admin() {
        if (admin == null) {
            admin = new TopicAdmin(bootstrapServers());
        }
        return admin;
    }

    private synchronized void closeAdmin() {
        if (admin != null) {
            admin.close();
        }
    }

    private static void requireNotRunning(BrokerDir dir) {
        dir.runningBroker().ifPresent(running -> {
            throw new IllegalStateException("A Kafka broker (pid " + running.pid() + ") is already running from "
                    + dir.root() + " at " + dir.bootstrapServers().orElse("?") + "; stop it first ("
                    + "`deploy/bin/kafka-local stop --data-dir " + dir.root() + "`) or choose another data directory");
        });
    }

    private static int requireFree(int port) {
        if (!Ports.isFree(port)) {
            throw new IllegalStateException("Port " + port + " on " + Ports.HOST + " is already in use, so the Kafka "
                    + "broker cannot listen there. Stop whatever holds it (`ss -ltnp 'sport = :" + port + "'` shows it; "
                    + "a broker from `deploy/bin/kafka-local start` stops with `deploy/bin/kafka-local stop`) or choose "
                    + "another port (0 picks a free one)");
        }
        return port;
    }

    private static int freeExcept(int port, int controllerPort) {
        int free = Ports.freeExcept(port);
        return free != controllerPort ? free : freeExcept(port, controllerPort);
    }

    private static void writeConfig(BrokerDir dir, Map<String, String> serverProperties) {
        dir.createDirectories();
        dir.startNewLogs();
        try {
            Files.writeString(dir.serverProperties(), BrokerConfig.render(serverProperties,
                    "Written by io.streamcl.deploy.kafka.LocalKafka at every start; edits are overwritten."));
            Files.writeString(dir.log4jProperties(), BrokerConfig.log4j2Properties());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the broker configuration in " + dir.root(), e);
        }
    }

    private static Path createTempDir() {
        BrokerDir.TEMP_DIRS.deleteOrphans();
        return BrokerDir.TEMP_DIRS.create();
    }

    /** Options of a {@link LocalKafka}; every option has a default, so {@code builder().start()} works. */
    public static final class Builder {

        private static final Pattern JVM_SIZE = Pattern.compile("\\d+[kKmMgG]?");

        private Path dataDir;
        private int port;
        private final Map<String, Integer> topics = new LinkedHashMap<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private String heap = "512m";
        private final List<String> extraJvmOptions = new ArrayList<>();
        private Duration startupTimeout = Duration.ofSeconds(90);
        private Duration shutdownTimeout = Duration.ofSeconds(30);
        private String saslUser;
        private String saslPassword;

        private Builder() {
        }

        /**
         * Adds a SASL_PLAINTEXT listener (mechanism PLAIN) that accepts this one user, at
         * {@link LocalKafka#saslBootstrapServers()}; the PLAINTEXT listener stays for the broker's own use.
         */
        public Builder saslPlainUser(String user, String password) {
            new BrokerConfig.SaslPlainListener(1, user, password); // validates
            this.saslUser = user;
            this.saslPassword = password;
            return this;
        }

        /** Keeps the broker's data here across runs; by default a temporary directory is deleted on close. */
        public Builder dataDir(Path dir) {
            this.dataDir = LaunchOptions.dataDir(dir, "Kafka");
            return this;
        }

        /** The client port on 127.0.0.1; 0 (the default) picks a free one. The controller port is always free-picked. */
        public Builder port(int port) {
            this.port = LaunchOptions.port(port, "Kafka port");
            return this;
        }

        /** A topic to create once the broker is up. */
        public Builder topic(String name, int partitions) {
            checkTopic(name, partitions);
            topics.put(name, partitions);
            return this;
        }

        /** Topics with one partition each. */
        public Builder topics(String... names) {
            for (String name : names) {
                topic(name, 1);
            }
            return this;
        }

        /** Maximum heap of the broker JVM, e.g. {@code 512m} (the default) or {@code 1g}. */
        public Builder heap(String size) {
            if (size == null || !JVM_SIZE.matcher(size).matches()) {
                throw new IllegalArgumentException("Kafka heap '" + size + "' is not a JVM size like 512m or 1g");
            }
            this.heap = size;
            return this;
        }

        /** An extra option for the broker JVM, after the defaults so it wins, e.g. {@code -XX:TieredStopAtLevel=4}. */
        public Builder jvmOption(String option) {
            if (option == null || !option.startsWith("-")) {
                throw new IllegalArgumentException("JVM option '" + option + "' must start with '-'");
            }
            extraJvmOptions.add(option);
            return this;
        }

        /** A broker setting for {@code server.properties}, e.g. {@code auto.create.topics.enable=false}. */
        public Builder property(String key, String value) {
            BrokerConfig.checkOverride(key, value);
            properties.put(key, value);
            return this;
        }

        /** How long start-up (storage format, JVM start, first answer) may take in all; default 90 s. */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = LaunchOptions.positive(timeout, "startupTimeout");
            return this;
        }

        /** How long a clean shutdown may take after SIGTERM before the broker is killed; default 30 s. */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = LaunchOptions.positive(timeout, "shutdownTimeout");
            return this;
        }

        /** Starts the broker and waits until it answers and the topics exist; it stops when this JVM ends. */
        public LocalKafka start() {
            return launch(this, false);
        }

        /**
         * Starts a broker that keeps running after this JVM exits; find or stop it later with
         * {@link RunningBroker#find(Path)}. Needs {@link #dataDir(Path)}.
         */
        public RunningBroker startDetached() {
            if (dataDir == null) {
                throw new IllegalStateException("startDetached() needs dataDir(...): a detached broker is found and "
                        + "stopped through its data directory");
            }
            return launch(this, true).detach();
        }

        List<String> jvmOptions() {
            List<String> options = new ArrayList<>(List.of("-Xmx" + heap,
                    // C1 only and the serial collector: start-up time matters more than peak throughput here
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true"));
            options.addAll(extraJvmOptions);
            return options;
        }

        static void checkTopic(String name, Integer partitions) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("Topic name must not be blank, got '" + name + "'");
            }
            if (partitions == null || partitions < 1) {
                throw new IllegalArgumentException("Topic '" + name + "' needs at least 1 partition, got " + partitions);
            }
        }
    }
}
