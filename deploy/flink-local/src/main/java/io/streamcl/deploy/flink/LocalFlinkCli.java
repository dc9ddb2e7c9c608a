package io.streamcl.deploy.flink;

import io.streamcl.cli.DurationConverter;
import io.streamcl.deploy.process.LauncherCli;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Command line of a local Flink cluster: {@code flink-local start|submit|status|stop}. */
@Command(name = "flink-local", mixinStandardHelpOptions = true, version = "flink-local (StreamCL)",
        description = {"Runs a real Apache Flink standalone cluster (a JobManager and TaskManagers in their own JVMs) "
                + "on 127.0.0.1 in the background, from the Flink jars Maven resolved.",
                "Typical use: start, then submit --jar jobs/target/streamcl-jobs-<version>-job.jar -- <job arguments>, "
                + "then status and stop."},
        subcommands = {LocalFlinkCli.Start.class, LocalFlinkCli.Submit.class, LocalFlinkCli.Status.class,
                       LocalFlinkCli.Stop.class, CommandLine.HelpCommand.class})
public final class LocalFlinkCli implements Runnable {

    @Spec
    private CommandSpec spec;

    /**
     * Runs the command line and exits with its exit code.
     *
     * @param args {@code start}, {@code submit}, {@code status} or {@code stop} and their options
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with errors reported as one message (which includes a log tail) and exit code 1. */
    static CommandLine commandLine() {
        return LauncherCli.commandLine(new LocalFlinkCli());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing command: start, submit, status or stop");
    }

    /** The data directory option shared by all commands. */
    static final class DataDir {
        @Option(names = "--data-dir", paramLabel = "DIR",
                defaultValue = "${env:STREAMCL_FLINK_DIR:-${sys:java.io.tmpdir}/streamcl-flink-local-${sys:user.name}}",
                description = "Cluster configuration (conf/), logs (log/), checkpoints, savepoints and pid files "
                        + "(env STREAMCL_FLINK_DIR; default: ${DEFAULT-VALUE}).")
        Path path;

        RunningCluster requireRunning() {
            return RunningCluster.find(path).orElseThrow(() -> new IllegalStateException("No Flink cluster runs from "
                    + path.toAbsolutePath().normalize() + "; start one with `deploy/bin/flink-local start` (or pass "
                    + "the --data-dir it was started with)"));
        }
    }

    /** {@code start}: launches a detached cluster. */
    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Starts a JobManager and TaskManagers in the background and prints the REST address.",
                           "Flink's configuration is written to <data dir>/conf/config.yaml at every start."})
    static final class Start implements Callable<Integer> {
        @Mixin
        DataDir dataDir;

        @Option(names = "--rest-port", defaultValue = "8081", paramLabel = "PORT",
                description = "Port of the REST API and web UI; 0 picks a free one (default: ${DEFAULT-VALUE}).")
        int restPort;

        @Option(names = "--metrics-port", defaultValue = "9249", paramLabel = "PORT",
                description = "First port of the Prometheus metrics endpoints, http://127.0.0.1:PORT/metrics for the "
                        + "JobManager, the next free ones for the TaskManagers; 0 picks a free one "
                        + "(default: ${DEFAULT-VALUE}).")
        int metricsPort;

        @Option(names = "--slots", defaultValue = "2", paramLabel = "N",
                description = "Task slots per TaskManager (default: ${DEFAULT-VALUE}).")
        int slots;

        @Option(names = "--taskmanagers", defaultValue = "1", paramLabel = "N",
                description = "TaskManager JVMs (default: ${DEFAULT-VALUE}).")
        int taskManagers;

        @Option(names = "--jobmanager-memory", defaultValue = "1280m", paramLabel = "SIZE",
                description = "Total process memory of the JobManager (default: ${DEFAULT-VALUE}).")
        String jobManagerMemory;

        @Option(names = "--taskmanager-memory", defaultValue = "4g", paramLabel = "SIZE",
                description = "Total process memory of each TaskManager (default: ${DEFAULT-VALUE}).")
        String taskManagerMemory;

        @Option(names = {"-D", "--conf"}, paramLabel = "KEY=VALUE",
                description = "A Flink setting for config.yaml, repeatable, "
                        + "e.g. -D execution.checkpointing.interval=10s.")
        Map<String, String> settings = new LinkedHashMap<>();

        @Option(names = "--timeout", defaultValue = "120s", paramLabel = "TIME", converter = DurationConverter.class,
                description = "Start-up timeout (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<RunningCluster> existing = RunningCluster.find(dataDir.path);
            if (existing.isPresent()) {
                err.println("Flink cluster already running (JobManager pid " + existing.get().jobManagerPid()
                        + ", data dir " + existing.get().dataDir() + ")");
                out.println(existing.get().restAddress());
                return 0;
            }
            LocalFlink.Builder builder = LocalFlink.builder().dataDir(dataDir.path).restPort(restPort).metricsPort(metricsPort)
                    .slots(slots)
                    .taskManagers(taskManagers).jobManagerMemory(jobManagerMemory)
                    .taskManagerMemory(taskManagerMemory).startupTimeout(timeout);
            settings.forEach(builder::setting);
            long started = System.nanoTime();
            RunningCluster cluster = builder.startDetached();
            err.printf("Flink cluster started in %.1f s (JobManager pid %d, TaskManager pids %s, data dir %s, logs in "
                            + "%s/log).%nWeb UI: %s%nSubmit a job with: deploy/bin/flink-local submit --data-dir %s "
                            + "--jar <job jar> -- <job arguments>%nStop it with: deploy/bin/flink-local stop "
                            + "--data-dir %s%n",
                    (System.nanoTime() - started) / 1e9, cluster.jobManagerPid(), cluster.taskManagerPids(),
                    cluster.dataDir(), cluster.dataDir(), cluster.restAddress(), cluster.dataDir(), cluster.dataDir());
            out.println(cluster.restAddress());
            return 0;
        }
    }

    /** {@code submit}: uploads a jar and runs it. */
    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = {"Uploads a job jar to the cluster, runs its main method there and prints the job id.",
                           "Put the job's own arguments after `--`, e.g.:",
                           "  submit --jar jobs/target/streamcl-jobs-0.1.0-SNAPSHOT-job.jar --wait -- "
                           + "--bootstrap-servers 127.0.0.1:9092 --from earliest --bounded"})
    static final class Submit implements Callable<Integer> {
        @Mixin
        DataDir dataDir;

        @Option(names = "--rest-address", paramLabel = "URL", description = "Submit to the Flink cluster at this REST "
                + "address instead of the one of --data-dir, e.g. http://127.0.0.1:8081.")
        URI restAddress;

        @Option(names = "--jar", required = true, paramLabel = "JAR",
                description = "The job jar (with its dependencies).")
        Path jar;

        @Option(names = {"-c", "--class"}, paramLabel = "CLASS",
                description = "The class with the main method (default: the jar manifest's Main-Class).")
        String entryClass;

        @Option(names = {"-p", "--parallelism"}, paramLabel = "N",
                description = "Default parallelism of the job (default: the cluster's).")
        Integer parallelism;

        @Option(names = "--wait",
                description = "Wait until the job has ended and print how; exit code 1 unless it finished.")
        boolean await;

        @Option(names = "--timeout", paramLabel = "TIME", converter = DurationConverter.class,
                description = "With --wait: stop waiting after this long (default: no limit).")
        Duration timeout;

        @Parameters(paramLabel = "JOB_ARGS", description = "Arguments of the job's main method (after `--`).")
        List<String> jobArgs = new ArrayList<>();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            JobSubmission submission = JobSubmission.of(jar, jobArgs);
            if (entryClass != null) {
                submission = submission.withEntryClass(entryClass);
            }
            if (parallelism != null) {
                submission = submission.withParallelism(parallelism);
            }
            FlinkRestClient rest = restAddress != null
                    ? new FlinkRestClient(restAddress)
                    : dataDir.requireRunning().rest();
            long started = System.nanoTime();
            String jobId = rest.submit(submission);
            err.printf("Job %s submitted in %.1f s; follow it at %s#/job/running/%s/overview%n", jobId,
                    (System.nanoTime() - started) / 1e9, rest.baseUri(), jobId);
            out.println(jobId);
            if (!await) {
                return 0;
            }
            JobStatus status = rest.awaitTermination(jobId, timeout == null ? Duration.ofDays(3650) : timeout);
            err.println("Job " + status);
            return status.isFinished() ? 0 : 1;
        }
    }

    /** {@code status}: whether the cluster runs, with its address, slots and jobs. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Tells whether the cluster runs, with its address, TaskManagers, slots and jobs.",
                           "Exit code 0 when it runs, " + LauncherCli.NOT_RUNNING + " when it does not."})
    static final class Status implements Callable<Integer> {
        @Mixin
        DataDir dataDir;

        @Option(names = "--job", paramLabel = "JOB_ID", description = "Show only this job (with its failure cause).")
        String jobId;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Optional<RunningCluster> running = RunningCluster.find(dataDir.path);
            if (running.isEmpty()) {
                int leftovers = RunningCluster.leftoverProcesses(dataDir.path);
                out.println(LauncherCli.notRunning(dataDir.path)
                        + (leftovers > 0 ? "; " + leftovers + " TaskManager(s) left behind, `stop` ends them" : ""));
                return LauncherCli.NOT_RUNNING;
            }
            RunningCluster cluster = running.get();
            FlinkRestClient rest = cluster.rest();
            if (jobId != null) {
                out.println(rest.status(jobId));
                return 0;
            }
            out.println("running");
            out.println("  web UI       " + cluster.restAddress());
            out.println("  pids         JobManager " + cluster.jobManagerPid() + ", TaskManagers "
                    + cluster.taskManagerPids());
            out.println("  data dir     " + cluster.dataDir());
            try {
                ClusterOverview overview = rest.overview();
                out.println("  flink        " + overview.flinkVersion());
                out.println("  slots        " + overview.slotsAvailable() + " free of " + overview.slotsTotal()
                        + " on " + overview.taskManagers() + " TaskManager(s)");
                List<JobStatus> jobs = rest.jobs();
                out.println("  jobs         " + (jobs.isEmpty() ? "(none)" : ""));
                jobs.forEach(job -> out.println("    " + job));
            } catch (RuntimeException e) {
                out.println("  REST API     does not answer: " + e.getMessage());
            }
            return 0;
        }
    }

    /** {@code stop}: SIGTERM by pid file, then wait. */
    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stops the TaskManagers, then the JobManager, with SIGTERM; kills what has not stopped "
                    + "after the timeout. Running jobs end with them.")
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
            long started = System.nanoTime();
            RunningCluster.StopResult result = RunningCluster.stop(dataDir.path, timeout.duration());
            if (result.processes() == 0) {
                out.println(LauncherCli.notRunning(dataDir.path));
                return 0;
            }
            out.printf("%s %d process(es) in %.1f s%n", result.clean() ? "stopped" : "stopped (some killed after the "
                    + "timeout)", result.processes(), (System.nanoTime() - started) / 1e9);
            return 0;
        }
    }
}
