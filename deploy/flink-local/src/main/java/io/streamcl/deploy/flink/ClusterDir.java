package io.streamcl.deploy.flink;

import io.streamcl.deploy.process.FileTrees;
import io.streamcl.deploy.process.LogFiles;
import io.streamcl.deploy.process.RunFiles;
import io.streamcl.deploy.process.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The layout of a local cluster's data directory: the generated Flink configuration, logs, checkpoints and savepoints,
 * Flink's working directories, and the pid files through which a detached cluster is found again.
 */
record ClusterDir(Path root) {

    /** Marker put first on every cluster JVM's command line, so a pid file can be matched to this directory. */
    static final String DATA_DIR_PROPERTY = "streamcl.flink.dataDir";

    static final String JOBMANAGER = "jobmanager";

    /** Temporary data directories (the default), swept once their cluster is dead (they may hold 400 MB). */
    static final TempDirs TEMP_DIRS =
            new TempDirs("streamcl-flink-tmp-", "the Flink cluster", dir -> new ClusterDir(dir).runFiles());

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

    /** Holds only the child's main class, so nothing else of the launcher reaches the cluster's classpath. */
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

    /**
     * The pid files ({@code jobmanager.pid}, {@code taskmanager-0.pid}, ...) and {@code rest.address}, through which a
     * detached cluster is found again.
     */
    RunFiles runFiles() {
        return new RunFiles(root, DATA_DIR_PROPERTY, "rest.address");
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
            FileTrees.delete(previous);
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

    /** Deletes what is only a cache or scratch space once no cluster process uses it. */
    void deleteScratch() {
        FileTrees.delete(javacppCache());
        FileTrees.delete(tmp());
    }

    /** Deletes the whole directory tree; files that vanish meanwhile are fine. */
    void delete() {
        FileTrees.delete(root);
    }

    /** The last {@code lines} lines of a process's log and output files, for error messages. */
    String logTail(String process, int lines) {
        return LogFiles.tail(List.of(outFile(process), logFile(process)), lines,
                "(no output of the " + process + " in " + logs() + ")");
    }
}
