package io.streamcl.deploy.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The layout of a local cluster's data directory: the generated Flink configuration, logs, checkpoints and savepoints,
 * Flink's working directories, and the pid files through which a detached cluster is found again.
 */
record ClusterDir(Path root) {

    /** Marker put first on every cluster JVM's command line, so a pid file can be matched to this directory. */
    static final String DATA_DIR_PROPERTY = "streamcl.flink.dataDir";

    static final String JOBMANAGER = "jobmanager";

    ClusterDir {
        root = root.toAbsolutePath().normalize();
    }

    /** Flink's configuration directory ({@code --configDir}): {@code config.yaml} and {@code log4j.properties}. */
    Path conf() {
        return root.resolve("conf");
    }

    Path configYaml() {
        return conf().resolve("config.yaml");
    }

    Path log4jProperties() {
        return conf().resolve("log4j.properties");
    }

    Path logs() {
        return root.resolve("log");
    }

    Path checkpoints() {
        return root.resolve("checkpoints");
    }

    Path savepoints() {
        return root.resolve("savepoints");
    }

    /** Flink's {@code io.tmp.dirs}: spill files and the TaskManagers' working directories. */
    Path tmp() {
        return root.resolve("tmp");
    }

    /** Jars uploaded through the REST API ({@code web.upload.dir}). */
    Path webUpload() {
        return root.resolve("web-upload");
    }

    /** Flink's plugins directory; empty, but Flink scans it. */
    Path plugins() {
        return root.resolve("plugins");
    }

    /**
     * Where JavaCPP unpacks the native libraries of a job jar (ND4J, OpenBLAS: about 400 MB per submitted job, since
     * every job's jar gets a new name in Flink's blob store); emptied when the cluster stops.
     */
    Path javacppCache() {
        return root.resolve("javacpp-cache");
    }

    /** Holds only {@link ChildProcessMain}, so nothing else of the launcher reaches the cluster's classpath. */
    Path launcherClasses() {
        return root.resolve("launcher-classes");
    }

    /** The log file of a process, e.g. {@code jobmanager.log}; Flink's web UI shows it. */
    Path logFile(String process) {
        return logs().resolve(process + ".log");
    }

    /** Standard output and error of a process: JVM errors before log4j is up, and what user code prints. */
    Path outFile(String process) {
        return logs().resolve(process + ".out");
    }

    Path pidFile(String process) {
        return root.resolve(process + ".pid");
    }

    Path restAddressFile() {
        return root.resolve("rest.address");
    }

    static String taskManager(int index) {
        return "taskmanager-" + index;
    }

    void createDirectories() {
        try {
            for (Path dir : List.of(conf(), logs(), checkpoints(), savepoints(), tmp(), webUpload(), plugins(),
                    javacppCache())) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Flink data directory " + root, e);
        }
    }

    /** Moves the previous run's logs to {@code log/previous/}, so error reports only show this run. */
    void startNewLogs() {
        try {
            Path previous = logs().resolve("previous");
            deleteTree(previous);
            try (Stream<Path> files = Files.list(logs())) {
                List<Path> old = files.filter(Files::isRegularFile).toList();
                if (!old.isEmpty()) {
                    Files.createDirectories(previous);
                    for (Path file : old) {
                        Files.move(file, previous.resolve(file.getFileName()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rotate the Flink logs in " + logs(), e);
        }
    }

    void writePid(String process, long pid) {
        write(pidFile(process), Long.toString(pid));
    }

    void writeRestAddress(String url) {
        write(restAddressFile(), url);
    }

    Optional<String> restAddress() {
        return read(restAddressFile());
    }

    /** The names of the processes with a pid file: {@code jobmanager}, {@code taskmanager-0}, ... */
    List<String> recordedProcesses() {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return names;
        }
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(root, "*.pid")) {
            for (Path pid : pids) {
                String file = pid.getFileName().toString();
                names.add(file.substring(0, file.length() - ".pid".length()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the pid files in " + root, e);
        }
        names.sort(Comparator.naturalOrder());
        return names;
    }

    /** The process recorded for {@code process}, if it is alive and really was started for this directory. */
    Optional<ProcessHandle> running(String process) {
        return read(pidFile(process))
                .flatMap(ClusterDir::parsePid)
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(this::isOurs);
    }

    /** {@code true} if a cluster once ran here (pid files exist) and none of its processes is alive. */
    boolean isOrphaned() {
        List<String> recorded = recordedProcesses();
        return !recorded.isEmpty() && recorded.stream().allMatch(p -> running(p).isEmpty());
    }

    void deleteRunFiles() {
        try {
            for (String process : recordedProcesses()) {
                Files.deleteIfExists(pidFile(process));
            }
            Files.deleteIfExists(restAddressFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the pid files in " + root, e);
        }
    }

    /** Deletes what is only a cache or scratch space once no cluster process uses it. */
    void deleteScratch() {
        deleteTree(javacppCache());
        deleteTree(tmp());
    }

    /** Deletes the whole directory tree; files that vanish meanwhile are fine. */
    void delete() {
        deleteTree(root);
    }

    /** The last {@code lines} lines of a process's log and output files, for error messages. */
    String logTail(String process, int lines) {
        StringBuilder tail = new StringBuilder();
        for (Path file : List.of(outFile(process), logFile(process))) {
            List<String> last = lastLines(file, lines);
            if (!last.isEmpty()) {
                tail.append("---- last lines of ").append(file).append(" ----\n");
                last.forEach(line -> tail.append(line).append('\n'));
            }
        }
        return tail.length() == 0 ? "(no output of the " + process + " in " + logs() + ")\n" : tail.toString();
    }

    // A stale pid file may name a recycled pid: only a JVM started for this very directory counts. The JDK gives the
    // command line only as a string cut at 4 KB, hence the marker comes first on it.
    private boolean isOurs(ProcessHandle process) {
        String marker = " -D" + DATA_DIR_PROPERTY + "=" + root + " ";
        return process.info().commandLine().map(line -> (line + " ").contains(marker)).orElse(false);
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

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (NoSuchFileException | UncheckedIOException e) {
            // deleted concurrently (an orphan sweep of another JVM): nothing left to do
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
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
