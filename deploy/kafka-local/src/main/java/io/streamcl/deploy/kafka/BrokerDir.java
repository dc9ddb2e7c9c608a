package io.streamcl.deploy.kafka;

import io.streamcl.deploy.process.FileTrees;
import io.streamcl.deploy.process.LogFiles;
import io.streamcl.deploy.process.RunFiles;
import io.streamcl.deploy.process.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/** The layout of a local broker's data directory: configuration, Kafka's log dirs, logs and the run files. */
record BrokerDir(Path root) {

    /** Marker put on the child's command line so a pid file can be matched to the broker of this directory. */
    static final String DATA_DIR_PROPERTY = "streamcl.kafka.dataDir";

    /** Temporary data directories (the default), swept once their broker is dead. */
    static final TempDirs TEMP_DIRS =
            new TempDirs("streamcl-kafka-tmp-", "the Kafka broker", dir -> new BrokerDir(dir).runFiles());

    /** The broker's name among the run files: {@code broker.pid}. */
    private static final String BROKER = "broker";

    BrokerDir {
        root = root.toAbsolutePath().normalize();
    }

    Path serverProperties() {
        return root.resolve("server.properties");
    }

    Path log4jProperties() {
        return root.resolve("log4j2.properties");
    }

    /** Kafka's own {@code log.dirs}: topic partitions and the KRaft metadata log. */
    Path kafkaData() {
        return root.resolve("kafka-data");
    }

    Path logs() {
        return root.resolve("logs");
    }

    Path serverLog() {
        return logs().resolve("server.log");
    }

    /** Standard output and error of the broker JVM: JVM errors that happen before log4j is up land here. */
    Path brokerOutput() {
        return logs().resolve("broker.out");
    }

    Path formatOutput() {
        return logs().resolve("format.out");
    }

    /** The pid file and {@code bootstrap.servers}, through which a detached broker is found again. */
    RunFiles runFiles() {
        return new RunFiles(root, DATA_DIR_PROPERTY, "bootstrap.servers");
    }

    Path pidFile() {
        return runFiles().pidFile(BROKER);
    }

    /** Holds only the child's main class, so nothing of this module's other classes reaches the broker. */
    Path childClasses() {
        return root.resolve("launcher-classes");
    }

    boolean isFormatted() {
        return Files.exists(kafkaData().resolve("meta.properties"));
    }

    void createDirectories() {
        try {
            Files.createDirectories(kafkaData());
            Files.createDirectories(logs());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Kafka data directory " + root, e);
        }
    }

    void writeRunFiles(long pid, String bootstrapServers) {
        RunFiles runs = runFiles();
        runs.writePid(BROKER, pid);
        runs.writeAddress(bootstrapServers);
    }

    void deleteRunFiles() {
        runFiles().delete();
    }

    /** The broker recorded in the pid file, if that process is alive and really is the broker of this directory. */
    Optional<ProcessHandle> runningBroker() {
        return runFiles().running(BROKER);
    }

    Optional<String> bootstrapServers() {
        return runFiles().address();
    }

    /** Keeps the previous run's log as {@code previous-server.log}, so error reports only show this run. */
    void startNewLogs() {
        try {
            if (Files.exists(serverLog())) {
                Files.move(serverLog(), logs().resolve("previous-server.log"), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.deleteIfExists(formatOutput());
            Files.deleteIfExists(brokerOutput());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rotate the broker logs in " + logs(), e);
        }
    }

    /** The first exception named in this run's output, e.g. {@code java.lang.ClassNotFoundException: x.Y}. */
    Optional<String> firstException() {
        return LogFiles.firstException(outputs());
    }

    /** The last lines of the broker's log and of its JVM output, for error messages. */
    String logTail(int lines) {
        return LogFiles.tail(outputs(), lines, "(no broker output in " + logs() + ")");
    }

    /** Deletes the whole directory tree; files that vanish meanwhile are fine. */
    void delete() {
        FileTrees.delete(root);
    }

    private List<Path> outputs() {
        return List.of(formatOutput(), brokerOutput(), serverLog());
    }
}
