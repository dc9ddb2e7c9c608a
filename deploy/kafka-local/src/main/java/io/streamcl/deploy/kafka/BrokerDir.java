package io.streamcl.deploy.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The layout of a local broker's data directory: configuration, Kafka's log dirs, logs and the pid file. */
record BrokerDir(Path root) {

    /** Marker put on the child's command line so a pid file can be matched to the broker of this directory. */
    static final String DATA_DIR_PROPERTY = "streamcl.kafka.dataDir";

    /** A stack trace's first line: a class name ending in Exception or Error, optionally with its message. */
    private static final Pattern EXCEPTION_LINE =
            Pattern.compile("^(?:Exception in thread \"[^\"]*\" )?((?:[\\w$]+\\.)+[\\w$]*(?:Exception|Error)\\b.*)$");

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

    Path pidFile() {
        return root.resolve("broker.pid");
    }

    Path bootstrapFile() {
        return root.resolve("bootstrap.servers");
    }

    /** Holds only {@link ChildBrokerMain}, so nothing of this module's other classes reaches the broker. */
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
        write(pidFile(), Long.toString(pid));
        write(bootstrapFile(), bootstrapServers);
    }

    void deleteRunFiles() {
        try {
            Files.deleteIfExists(pidFile());
            Files.deleteIfExists(bootstrapFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the pid file in " + root, e);
        }
    }

    /** The broker recorded in the pid file, if that process is alive and really is the broker of this directory. */
    Optional<ProcessHandle> runningBroker() {
        return read(pidFile())
                .flatMap(BrokerDir::parsePid)
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(this::isOurBroker);
    }

    Optional<String> bootstrapServers() {
        return read(bootstrapFile());
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
        for (Path file : List.of(formatOutput(), brokerOutput(), serverLog())) {
            Optional<String> found = lastLines(file, Integer.MAX_VALUE).stream()
                    .map(EXCEPTION_LINE::matcher)
                    .filter(Matcher::find)
                    .map(m -> m.group(1).strip())
                    .findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The last lines of the broker's log and of its JVM output, for error messages. */
    String logTail(int lines) {
        StringBuilder tail = new StringBuilder();
        for (Path file : List.of(formatOutput(), brokerOutput(), serverLog())) {
            List<String> last = lastLines(file, lines);
            if (!last.isEmpty()) {
                tail.append("---- last ").append(last.size()).append(" lines of ").append(file).append('\n');
                last.forEach(line -> tail.append(line).append('\n'));
            }
        }
        return tail.length() == 0 ? "(no broker output in " + logs() + ")\n" : tail.toString();
    }

    /** Deletes the whole directory tree; files that vanish meanwhile are fine. */
    void delete() {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (NoSuchFileException | UncheckedIOException e) {
            // another JVM's orphan sweep (see TempDataDirs) deleted it at the same time
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the Kafka data directory " + root, e);
        }
    }

    /** {@code true} if a broker once ran here (a pid file exists) and it is no longer alive. */
    boolean isOrphaned() {
        return Files.exists(pidFile()) && runningBroker().isEmpty();
    }

    // A stale pid file may name a recycled pid: only a JVM started for this very directory counts. The JDK gives
    // the command line only as a string cut at 4 KB (and no argument array then), hence the marker comes first.
    private boolean isOurBroker(ProcessHandle process) {
        String marker = " -D" + DATA_DIR_PROPERTY + "=" + root + " ";
        return process.info().commandLine()
                .map(line -> (line + " ").contains(marker))
                .orElse(false);
    }

    private static Optional<Long> parsePid(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static List<String> lastLines(Path file, int count) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            // malformed bytes must not hide the tail of a crash log
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            if (text.isBlank()) {
                return List.of();
            }
            List<String> all = List.of(text.split("\n"));
            return all.subList(Math.max(0, all.size() - count), all.size());
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }
}
