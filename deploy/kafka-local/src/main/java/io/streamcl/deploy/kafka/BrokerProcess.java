package io.streamcl.deploy.kafka;

import io.streamcl.deploy.process.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts the JVMs that format the storage and run the broker, the way Kafka's own scripts do. */
final class BrokerProcess {

    private final BrokerDir dir;
    private final List<Path> classpath;
    private final List<String> jvmOptions;

    BrokerProcess(BrokerDir dir, List<Path> classpath, List<String> jvmOptions) {
        this.dir = dir;
        this.classpath = classpath;
        this.jvmOptions = jvmOptions;
    }

    /** Runs {@code kafka.tools.StorageTool format} once; a formatted directory keeps its cluster id and topics. */
    void formatIfNeeded(String clusterId, Duration timeout) {
        if (dir.isFormatted()) {
            return;
        }
        // Static voters (controller.quorum.voters) means the plain form: no --standalone / --initial-controllers.
        List<String> args = List.of("format", "-t", clusterId, "-c", dir.serverProperties().toString());
        Process format = jvm().output(dir.formatOutput()).run("kafka.tools.StorageTool", args, "format the Kafka storage");
        try {
            if (!format.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                format.destroyForcibly();
                throw new IllegalStateException("Formatting the Kafka storage in " + dir.kafkaData()
                        + " took longer than " + timeout.toSeconds() + " s\n" + dir.logTail(30));
            }
        } catch (InterruptedException e) {
            format.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while formatting the Kafka storage", e);
        }
        if (format.exitValue() != 0) {
            throw new IllegalStateException("Formatting the Kafka storage in " + dir.kafkaData() + " failed with exit code "
                    + format.exitValue() + dir.firstException().map(e -> ": " + e).orElse(" (is a broker setting invalid?)")
                    + "\n" + dir.logTail(30));
        }
    }

    /**
     * Launches {@code kafka.Kafka}.
     *
     * @param detached when {@code true} the broker outlives this JVM; otherwise it shuts itself down when this JVM
     *                 dies (see {@link ChildJvm#launch})
     */
    Process launch(boolean detached) {
        return jvm().output(dir.brokerOutput()).launch(dir.childClasses(), detached, "kafka.Kafka",
                List.of(dir.serverProperties().toString()), "start the Kafka broker");
    }

    private ChildJvm jvm() {
        // The marker first, so it stays within the 4 KB of command line that ProcessHandle.Info shows (see RunFiles).
        return new ChildJvm(classpath).options(dir.runFiles().markerOption()).options(jvmOptions)
                .options("-Dkafka.logs.dir=" + dir.logs(), "-Dlog4j2.configurationFile=" + dir.log4jProperties());
    }
}
