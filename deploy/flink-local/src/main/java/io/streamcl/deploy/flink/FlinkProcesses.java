package io.streamcl.deploy.flink;

import io.streamcl.deploy.process.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Starts a standalone cluster's JVMs the way Flink's {@code jobmanager.sh} and {@code taskmanager.sh} do. */
final class FlinkProcesses {

    static final String JOBMANAGER_MAIN = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASKMANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final String BASH_JAVA_UTILS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

    private final ClusterDir dir;
    private final List<Path> classpath;
    private final ClusterConfig config;
    private final Map<String, String> taskManagerEnvironment;

    FlinkProcesses(ClusterDir dir, List<Path> classpath, ClusterConfig config,
            Map<String, String> taskManagerEnvironment) {
        this.dir = dir;
        this.classpath = classpath;
        this.config = config;
        this.taskManagerEnvironment = taskManagerEnvironment;
    }

    /** JVM memory options and Flink's matching dynamic settings of one process kind, as computed by Flink itself. */
    record ResourceParams(List<String> jvmOptions, List<String> dynamicSettings) {
    }

    /**
     * Runs Flink's {@code BashJavaUtils} for the JobManager and the TaskManager at once (each is a short JVM) and
     * returns their results: element 0 for the JobManager, 1 for the TaskManagers.
     */
    List<ResourceParams> resourceParams(Duration timeout) {
        Path jmOut = dir.logs().resolve("memory-jobmanager.out");
        Path tmOut = dir.logs().resolve("memory-taskmanager.out");
        Process jm = bashJavaUtils("GET_JM_RESOURCE_PARAMS", jmOut, "compute the JobManager's memory settings");
        Process tm = bashJavaUtils("GET_TM_RESOURCE_PARAMS", tmOut, "compute the TaskManager's memory settings");
        try {
            return List.of(result(jm, jmOut, "JobManager", timeout), result(tm, tmOut, "TaskManager", timeout));
        } finally {
            jm.destroyForcibly();
            tm.destroyForcibly();
        }
    }

    /**
     * Launches a JobManager or TaskManager JVM.
     *
     * @param process  its name in the data directory ({@code jobmanager}, {@code taskmanager-0}, ...)
     * @param detached when {@code true} it outlives this JVM; otherwise it shuts itself down when this JVM dies (see
     *                 {@link ChildJvm#launch})
     */
    Process launch(String process, ResourceParams params, boolean detached) {
        boolean jobManager = process.equals(ClusterDir.JOBMANAGER);
        String role = jobManager ? "jobmanager" : "taskmanager";
        ChildJvm jvm = new ChildJvm(classpath)
                // The marker first, so it stays within the 4 KB of command line that ProcessHandle.Info shows.
                .options(dir.runFiles().markerOption())
                .options(params.jvmOptions())
                .options(config.jvmOptions(role))
                .options("-Dlog.file=" + dir.logFile(process),
                        "-Dlog4j.configurationFile=" + dir.log4jProperties().toUri())
                .directory(dir.root())
                .output(dir.outFile(process))
                .environment(Map.of("FLINK_CONF_DIR", dir.conf().toString(),
                        "FLINK_PLUGINS_DIR", dir.plugins().toString(),
                        "FLINK_LOG_DIR", dir.logs().toString()));
        if (!jobManager) {
            jvm.environment(taskManagerEnvironment);
        }
        List<String> args = new ArrayList<>(List.of("--configDir", dir.conf().toString()));
        args.addAll(params.dynamicSettings());
        if (!jobManager) {
            // The REST API names TaskManagers by resource id: named after their process, it tells which JVM runs a job.
            args.addAll(List.of("-D", "taskmanager.resource-id=" + process));
        }
        return jvm.launch(dir.launcherClasses(), detached, jobManager ? JOBMANAGER_MAIN : TASKMANAGER_MAIN, args,
                "start the Flink " + process);
    }

    private Process bashJavaUtils(String command, Path output, String what) {
        return new ChildJvm(classpath)
                // a short-lived JVM: fast start-up beats optimised code
                .options("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m")
                .output(output)
                .run(BASH_JAVA_UTILS, List.of(command, "--configDir", dir.conf().toString()), what);
    }

    private static ResourceParams result(Process process, Path output, String what, Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Computing the " + what + "'s memory settings took longer than "
                        + timeout.toSeconds() + " s; raise the start-up timeout if this machine is busy");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while computing the " + what + "'s memory settings", e);
        }
        String text;
        try {
            text = Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the output of Flink's BashJavaUtils in " + output, e);
        }
        List<String> results = text.lines().filter(l -> l.startsWith(RESULT_PREFIX))
                .map(l -> l.substring(RESULT_PREFIX.length()).strip()).toList();
        if (process.exitValue() != 0 || results.size() != 2) {
            String option = what.equals("JobManager") ? "--jobmanager-memory" : "--taskmanager-memory";
            String said = text.lines().filter(l -> !l.startsWith("\tat ") && !l.startsWith("\t..."))
                    .collect(Collectors.joining("\n"));
            throw new IllegalStateException("Flink could not derive the " + what + "'s memory settings from "
                    + "the configuration (exit code " + process.exitValue() + "); if the process memory is too small "
                    + "for its parts, raise it (CLI: " + option + "). Flink said:\n" + said.strip());
        }
        return new ResourceParams(words(results.get(0)), words(results.get(1)));
    }

    private static List<String> words(String line) {
        return line.isEmpty() ? List.of() : Arrays.asList(line.split("\\s+"));
    }
}
