package io.streamcl.deploy.flink;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** Starts and stops a standalone cluster's JVMs the way Flink's {@code jobmanager.sh} and {@code taskmanager.sh} do. */
final class FlinkProcesses {

    static final String JOBMANAGER_MAIN = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASKMANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final String BASH_JAVA_UTILS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

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
        Process jm = start(bashJavaUtils("GET_JM_RESOURCE_PARAMS", jmOut), "compute the JobManager's memory settings");
        Process tm = start(bashJavaUtils("GET_TM_RESOURCE_PARAMS", tmOut), "compute the TaskManager's memory settings");
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
     * @param detached when {@code true} it outlives this JVM (own session, stdin from /dev/null); otherwise it shuts
     *                 itself down when this JVM dies, because its stdin is a pipe from us
     */
    Process launch(String process, ResourceParams params, boolean detached) {
        boolean jobManager = process.equals(ClusterDir.JOBMANAGER);
        String role = jobManager ? "jobmanager" : "taskmanager";
        List<Path> childClasspath = new ArrayList<>(classpath);
        childClasspath.add(copyChildMain());

        List<String> command = new ArrayList<>();
        if (detached) {
            // A new session keeps terminal hang-ups and Ctrl-C in the launching shell away from the cluster.
            SETSID.stream().filter(Files::isExecutable).findFirst().ifPresent(s -> command.add(s.toString()));
        }
        command.add(java());
        // First, so it stays within the 4 KB of command line that ProcessHandle.Info shows (see ClusterDir).
        command.add("-D" + ClusterDir.DATA_DIR_PROPERTY + "=" + dir.root());
        command.addAll(params.jvmOptions());
        command.addAll(config.jvmOptions(role));
        if (!detached) {
            command.add("-D" + ChildProcessMain.EXIT_WITH_PARENT + "=true");
        }
        command.add("-Dlog.file=" + dir.logFile(process));
        command.add("-Dlog4j.configurationFile=" + dir.log4jProperties().toUri());
        command.add("-cp");
        command.add(joined(childClasspath));
        command.add(ChildProcessMain.class.getName());
        command.add(jobManager ? JOBMANAGER_MAIN : TASKMANAGER_MAIN);
        command.add("--configDir");
        command.add(dir.conf().toString());
        command.addAll(params.dynamicSettings());

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.outFile(process).toFile());
        builder.environment().put("FLINK_CONF_DIR", dir.conf().toString());
        builder.environment().put("FLINK_PLUGINS_DIR", dir.plugins().toString());
        builder.environment().put("FLINK_LOG_DIR", dir.logs().toString());
        if (!jobManager) {
            builder.environment().putAll(taskManagerEnvironment);
        }
        if (detached) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        return start(builder, "start the Flink " + process);
    }

    /** Sends SIGTERM, waits for a clean shutdown, then kills. Returns {@code true} when the shutdown was clean. */
    static boolean stop(ProcessHandle process, Duration timeout) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        if (awaitExit(process, timeout)) {
            return true;
        }
        process.destroyForcibly();
        awaitExit(process, Duration.ofSeconds(10));
        return false;
    }

    /** Stops several processes at once (Flink's shutdown waits on timeouts, so one by one would add them up). */
    static boolean stopAll(List<ProcessHandle> processes, Duration timeout) {
        processes.forEach(p -> {
            if (p.isAlive()) {
                p.destroy();
            }
        });
        boolean clean = true;
        for (ProcessHandle process : processes) {
            clean &= stop(process, timeout);
        }
        return clean;
    }

    private ProcessBuilder bashJavaUtils(String command, Path output) {
        List<String> cmd = new ArrayList<>(List.of(java(),
                // a short-lived JVM: fast start-up beats optimised code
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m",
                "-cp", joined(classpath), BASH_JAVA_UTILS, command, "--configDir", dir.conf().toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
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

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private Path copyChildMain() {
        String resource = ChildProcessMain.class.getSimpleName() + ".class";
        Path target = dir.launcherClasses().resolve(ChildProcessMain.class.getName().replace('.', '/') + ".class");
        try (InputStream in = ChildProcessMain.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Cannot find " + resource + " on the classpath; "
                        + FlinkRuntimeClasspath.BUILD_HINT);
            }
            Files.createDirectories(target.getParent());
            Files.write(target, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the launcher class to " + target, e);
        }
        return dir.launcherClasses();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String joined(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static Process start(ProcessBuilder builder, String what) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot " + what + ": " + builder.command().get(0) + " failed to run", e);
        }
    }
}
