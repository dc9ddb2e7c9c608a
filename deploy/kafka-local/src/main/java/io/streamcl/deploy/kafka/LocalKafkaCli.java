package io.streamcl.deploy.kafka;

import io.streamcl.cli.DurationConverter;
import io.streamcl.deploy.process.LauncherCli;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Command line to start, inspect and stop a detached local Kafka broker: {@code kafka-local start|status|stop}. */
@Command(name = "kafka-local", mixinStandardHelpOptions = true, version = "kafka-local (StreamCL)",
        description = "Runs a real Apache Kafka broker (KRaft, one node) on 127.0.0.1 in the background.",
        subcommands = {LocalKafkaCli.Start.class, LocalKafkaCli.Status.class, LocalKafkaCli.Stop.class,
                       CommandLine.HelpCommand.class})
public final class LocalKafkaCli implements Runnable {

    private static final String LOG4J_CONFIG = "log4j2.configurationFile";

    @Spec
    private CommandSpec spec;

    /**
     * Runs the command line and exits with its exit code.
     *
     * @param args {@code start}, {@code status} or {@code stop} and their options
     */
    public static void main(String[] args) {
        if (System.getProperty(LOG4J_CONFIG) == null) {
            System.setProperty(LOG4J_CONFIG, "io/streamcl/deploy/kafka/cli-log4j2.properties");
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line with errors reported as one message (which includes the broker log tail) and exit code 1. */
    static CommandLine commandLine() {
        return LauncherCli.commandLine(new LocalKafkaCli());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: start, status or stop");
    }

    /** The data directory option shared by all commands. */
    static final class DataDir {
        @Option(names = "--data-dir", paramLabel = "DIR",
                defaultValue = "${env:STREAMCL_KAFKA_DIR:-${sys:java.io.tmpdir}/streamcl-kafka-local-${sys:user.name}}",
                description = "Broker data, logs, pid file and bootstrap address (env STREAMCL_KAFKA_DIR; "
                        + "default: ${DEFAULT-VALUE}).")
        Path path;
    }

    /** {@code start}: launches a detached broker, or adds topics to the one already running. */
    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Starts the broker in the background and prints its bootstrap address.",
                           "If a broker already runs from the data directory, only creates the topics."})
    static final class Start implements Callable<Integer> {
        @Mixin
        DataDir dataDir;

        @Option(names = "--port", defaultValue = "9092", description = "Client port; 0 picks a free one "
                + "(default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--topics", split = ",", paramLabel = "TOPIC", description = "Topics to create, e.g. a,b,c.")
        List<String> topics = new ArrayList<>();

        @Option(names = "--partitions", defaultValue = "1", description = "Partitions per topic "
                + "(default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--heap", defaultValue = "512m", description = "Broker JVM heap (default: ${DEFAULT-VALUE}).")
        String heap;

        @Option(names = "--timeout", defaultValue = "90s", paramLabel = "TIME", converter = DurationConverter.class,
                description = "Start-up timeout (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Map<String, Integer> wanted = new LinkedHashMap<>();
            topics.forEach(topic -> wanted.put(topic.strip(), partitions));
            Optional<RunningBroker> existing = RunningBroker.find(dataDir.path);
            if (existing.isPresent()) {
                existing.get().createTopics(wanted);
                err.println("Kafka broker already running (pid " + existing.get().pid() + ", data dir "
                        + existing.get().dataDir() + ")" + ignoredOptions());
                out.println(existing.get().bootstrapServers());
                return 0;
            }
            LocalKafka.Builder builder = LocalKafka.builder().dataDir(dataDir.path).port(port).heap(heap)
                    .startupTimeout(timeout);
            wanted.forEach(builder::topic);
            long started = System.nanoTime();
            RunningBroker broker = builder.startDetached();
            err.printf("Kafka broker started in %.1f s (pid %d, data dir %s, logs in %s/logs).%n"
                            + "Stop it with: deploy/bin/kafka-local stop --data-dir %s%n",
                    (System.nanoTime() - started) / 1e9, broker.pid(), broker.dataDir(), broker.dataDir(),
                    broker.dataDir());
            out.println(broker.bootstrapServers());
            return 0;
        }

        private String ignoredOptions() {
            List<String> ignored = new ArrayList<>();
            for (String option : List.of("--port", "--heap", "--timeout")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    ignored.add(option);
                }
            }
            return ignored.isEmpty() ? "" : "; ignored " + String.join(", ", ignored) + " (stop it first to change them)";
        }
    }

    /** {@code status}: whether the broker runs, with its address and topics. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Tells whether the broker runs, with its bootstrap address and topics.",
                           "Exit code 0 when it runs, " + LauncherCli.NOT_RUNNING + " when it does not."})
    static final class Status implements Callable<Integer> {
        @Mixin
        DataDir dataDir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Optional<RunningBroker> running = RunningBroker.find(dataDir.path);
            if (running.isEmpty()) {
                out.println(LauncherCli.notRunning(dataDir.path));
                return LauncherCli.NOT_RUNNING;
            }
            RunningBroker broker = running.get();
            out.println("running");
            out.println("  pid        " + broker.pid());
            out.println("  bootstrap  " + broker.bootstrapServers());
            out.println("  data dir   " + broker.dataDir());
            out.println("  topics     " + describeTopics(broker));
            return 0;
        }

        private static String describeTopics(RunningBroker broker) {
            try {
                Set<String> topics = broker.topics();
                return topics.isEmpty() ? "(none)" : String.join(", ", topics);
            } catch (RuntimeException e) {
                return "(broker does not answer: " + e.getMessage() + ")";
            }
        }
    }

    /** {@code stop}: SIGTERM by pid file, then wait. */
    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stops the broker with SIGTERM, waits for it, and kills it after the timeout.")
    static final class Stop implements Callable<Integer> {
        @Mixin
        DataDir dataDir;

        @Mixin
        LauncherCli.StopTimeout timeout;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Optional<RunningBroker> running = RunningBroker.find(dataDir.path);
            if (running.isEmpty()) {
                out.println(LauncherCli.notRunning(dataDir.path));
                return 0;
            }
            long started = System.nanoTime();
            boolean clean = running.get().stop(timeout.duration());
            out.printf("%s (pid %d) in %.1f s%n", clean ? "stopped" : "killed after the timeout",
                    running.get().pid(), (System.nanoTime() - started) / 1e9);
            return 0;
        }
    }
}
