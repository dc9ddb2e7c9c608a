package io.streamcl.deploy.flink;

import io.streamcl.deploy.process.ChildJvm;
import io.streamcl.deploy.process.LaunchOptions;
import io.streamcl.deploy.process.Ports;
import io.streamcl.deploy.process.ShutdownHook;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A real Flink standalone session cluster on 127.0.0.1: a JobManager and TaskManagers, each in its own JVM, started
 * from Maven-resolved Flink jars with a generated configuration.
 *
 * <p>{@code try (LocalFlink flink = LocalFlink.builder().start()) { flink.rest().submit(...); }}. It shuts itself
 * down when this JVM ends, even when this JVM is killed. Submit jobs with {@link #rest()}; the web UI is at
 * {@link #restAddress()}.
 */
public final class LocalFlink implements AutoCloseable {

    private static final String LOG4J_RESOURCE = "cluster-log4j.properties";
    private static final int TAIL_LINES = 40;

    private final ClusterDir dir;
    private final boolean temporary;
    private final URI restAddress;
    private final Process jobManager;
    private final List<Process> taskManagers;
    private final Duration shutdownTimeout;
    private final ShutdownHook shutdownHook;
    private final FlinkRestClient rest;
    private Duration startupTime = Duration.ZERO;
    private boolean closed;
    private List<Integer> metricsPorts = List.of();

    private LocalFlink(ClusterDir dir, boolean temporary, int restPort, Process jobManager, List<Process> taskManagers,
            Duration shutdownTimeout) {
        this.dir = dir;
        this.temporary = temporary;
        this.restAddress = URI.create("http://" + Ports.HOST + ":" + restPort);
        this.jobManager = jobManager;
        this.taskManagers = List.copyOf(taskManagers);
        this.shutdownTimeout = shutdownTimeout;
        this.rest = new FlinkRestClient(restAddress);
        // Covers a normal exit or SIGTERM of this JVM; the children's stdin watchdog covers SIGKILL and crashes.
        this.shutdownHook = ShutdownHook.register("streamcl-local-flink-shutdown", this::stopOnJvmExit);
    }

    /** Options for a new cluster; {@link Builder#start()} starts it. */
    /** Ports past the JobManager's and the TaskManagers' in the reporters' range, for ports taken by others. */
    static final int SPARE_METRICS_PORTS = 8;

    public static Builder builder() {
        return new Builder();
    }

    /** The REST API and web UI, e.g. {@code http://127.0.0.1:8081}. */
    public URI restAddress() {
        return restAddress;
    }

    /**
     * The ports the cluster's Prometheus reporters may listen on ({@code http://127.0.0.1:<port>/metrics}): each
     * process takes the first free one, the JobManager first, then the TaskManagers in start order.
     */
    public List<Integer> metricsPorts() {
        return metricsPorts;
    }

    /** A client of this cluster's REST API: submit jobs and follow them. */
    public FlinkRestClient rest() {
        return rest;
    }

    /** The directory holding the configuration ({@code conf/}), logs ({@code log/}), checkpoints and savepoints. */
    public Path dataDir() {
        return dir.root();
    }

    /** The process ids of the cluster's JVMs, the JobManager first. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        pids.add(jobManager.pid());
        taskManagers.forEach(tm -> pids.add(tm.pid()));
        return pids;
    }

    /**
     * The TaskManagers' process ids by their resource id ({@code taskmanager-0}, ...), the {@code taskmanager-id} by
     * which the REST API names the TaskManager running a task.
     */
    public Map<String, Long> taskManagerPids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (int i = 0; i < taskManagers.size(); i++) {
            pids.put(ClusterDir.taskManager(i), taskManagers.get(i).pid());
        }
        return pids;
    }

    /** {@code false} once any of the cluster's JVMs has ended, whether stopped or crashed. */
    public boolean isRunning() {
        return jobManager.isAlive() && taskManagers.stream().allMatch(Process::isAlive);
    }

    /** From launching the first JVM until the REST API reported every TaskManager registered. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Stops the TaskManagers, then the JobManager (SIGTERM, then a kill after the shutdown timeout), and deletes a
     * temporary data directory; a chosen one keeps its logs, checkpoints and savepoints.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean clean = stopProcesses();
        shutdownHook.remove();
        cleanUpDir();
        if (!clean) {
            System.getLogger(LocalFlink.class.getName()).log(System.Logger.Level.WARNING,
                    "A Flink process of " + dir.root() + " did not stop within " + shutdownTimeout.toSeconds()
                            + " s of SIGTERM and was killed");
        }
    }

    @Override
    public String toString() {
        return "LocalFlink[" + restAddress + ", pids " + pids() + ", " + dir.root() + "]";
    }

    private boolean stopProcesses() {
        boolean clean = ChildJvm.stopAll(taskManagers.stream().map(Process::toHandle).toList(), shutdownTimeout);
        return ChildJvm.stop(jobManager.toHandle(), shutdownTimeout) && clean;
    }

    private void cleanUpDir() {
        dir.runFiles().delete();
        if (temporary) {
            dir.delete();
        } else {
            dir.deleteScratch();
        }
    }

    // Ownership passes to whoever later stops the cluster through its data directory.
    private synchronized RunningCluster detach() {
        closed = true;
        shutdownHook.remove();
        return RunningCluster.find(dir.root()).orElseThrow(() -> new IllegalStateException(
                "The Flink cluster in " + dir.root() + " stopped right after it started\n"
                        + dir.logTail(ClusterDir.JOBMANAGER, TAIL_LINES)));
    }

    private static LocalFlink launch(Builder options, boolean detached) {
        List<Path> classpath = FlinkRuntimeClasspath.RESOURCE.load();
        if (options.dataDir != null) {
            ClusterDir chosen = new ClusterDir(options.dataDir);
            requireNotRunning(chosen);
            chosen.runFiles().delete(); // stale ones of a cluster that is gone
        }
        int restPort = options.restPort == 0 ? Ports.free() : requireFree(options.restPort);
        int rpcPort = Ports.freeExcept(restPort);
        int metricsFrom = options.metricsPort == 0 ? Ports.freeExcept(restPort) : options.metricsPort;
        int metricsTo = metricsFrom + options.taskManagers + SPARE_METRICS_PORTS;
        boolean temporary = options.dataDir == null;
        if (temporary) {
            ClusterDir.TEMP_DIRS.deleteOrphans();
        }
        ClusterDir dir = new ClusterDir(temporary ? ClusterDir.TEMP_DIRS.create() : options.dataDir);
        ClusterConfig config = ClusterConfig.of(dir, new ClusterConfig.Endpoints(restPort, rpcPort, metricsFrom, metricsTo),
                new ClusterConfig.Resources(options.slots, options.jobManagerMemory, options.taskManagerMemory),
                options.settings);
        writeConfig(dir, config);

        long started = System.nanoTime();
        FlinkProcesses processes = new FlinkProcesses(dir, classpath, config, TaskManagerEnvironment.forThisMachine());
        List<FlinkProcesses.ResourceParams> params = processes.resourceParams(options.startupTimeout);
        List<Process> launched = new ArrayList<>();
        LocalFlink flink;
        try {
            Process jobManager = processes.launch(ClusterDir.JOBMANAGER, params.get(0), detached);
            launched.add(jobManager);
            dir.runFiles().writePid(ClusterDir.JOBMANAGER, jobManager.pid());
            List<Process> taskManagers = new ArrayList<>();
            for (int i = 0; i < options.taskManagers; i++) {
                Process taskManager = processes.launch(ClusterDir.taskManager(i), params.get(1), detached);
                launched.add(taskManager);
                taskManagers.add(taskManager);
                dir.runFiles().writePid(ClusterDir.taskManager(i), taskManager.pid());
            }
            flink = new LocalFlink(dir, temporary, restPort, jobManager, taskManagers, options.shutdownTimeout);
            flink.metricsPorts = IntStream.rangeClosed(metricsFrom, metricsTo).boxed().toList();
        } catch (RuntimeException e) {
            ChildJvm.stopAll(launched.stream().map(Process::toHandle).toList(), Duration.ofSeconds(5));
            dir.runFiles().delete();
            throw e;
        }
        try {
            new ClusterStartup(dir, flink.rest, flink.restAddress, flink.jobManager, flink.taskManagers,
                    options.slots, options.startupTimeout).await(started);
        } catch (RuntimeException e) {
            flink.abort();
            throw e;
        }
        dir.runFiles().writeAddress(flink.restAddress.toString());
        flink.startupTime = Duration.ofNanos(System.nanoTime() - started);
        return flink;
    }

    // After a failed start the data directory is kept, so its logs can be read.
    private synchronized void abort() {
        closed = true;
        List<ProcessHandle> all = new ArrayList<>(List.of(jobManager.toHandle()));
        taskManagers.forEach(tm -> all.add(tm.toHandle()));
        ChildJvm.stopAll(all, Duration.ofSeconds(5));
        shutdownHook.remove();
        dir.runFiles().delete();
    }

    private void stopOnJvmExit() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        stopProcesses();
        cleanUpDir();
    }

    private static void requireNotRunning(ClusterDir dir) {
        String stop = "; stop it first (`deploy/bin/flink-local stop --data-dir " + dir.root()
                + "`) or choose another data directory";
        RunningCluster.find(dir.root()).ifPresent(running -> {
            throw new IllegalStateException("A Flink cluster (JobManager pid " + running.jobManagerPid()
                    + ") is already running from " + dir.root() + " at " + running.restAddress() + stop);
        });
        int leftovers = RunningCluster.leftoverProcesses(dir.root());
        if (leftovers > 0) {
            throw new IllegalStateException(leftovers + " process(es) of an earlier Flink cluster still run from "
                    + dir.root() + stop);
        }
    }

    private static int requireFree(int port) {
        if (!Ports.isFree(port)) {
            throw new IllegalStateException("Port " + port + " on " + Ports.HOST + " is already in use, so the Flink "
                    + "REST API cannot listen there. Stop whatever holds it (`ss -ltnp 'sport = :" + port + "'` shows "
                    + "it; a cluster from `deploy/bin/flink-local start` stops with `deploy/bin/flink-local stop`) or "
                    + "choose another port (--rest-port; 0 picks a free one)");
        }
        return port;
    }

    private static void writeConfig(ClusterDir dir, ClusterConfig config) {
        dir.createDirectories();
        dir.startNewLogs();
        try (InputStream log4j = LocalFlink.class.getResourceAsStream(LOG4J_RESOURCE)) {
            if (log4j == null) {
                throw new IllegalStateException("Cannot find " + LOG4J_RESOURCE + " on the classpath; "
                        + FlinkRuntimeClasspath.RESOURCE.buildHint());
            }
            Files.write(dir.log4jProperties(), log4j.readAllBytes());
            Files.writeString(dir.configYaml(), config.render(
                    "Written by io.streamcl.deploy.flink.LocalFlink at every start; edits are overwritten.\n"
                            + "Change settings with `deploy/bin/flink-local start --conf KEY=VALUE` "
                            + "(LocalFlink.Builder#setting)."));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Flink configuration in " + dir.conf(), e);
        }
    }

    /** Options of a {@link LocalFlink}; every option has a default, so {@code builder().start()} works. */
    public static final class Builder {

        private Path dataDir;
        private int restPort;
        private int metricsPort;
        private int slots = 2;
        private int taskManagers = 1;
        private String jobManagerMemory = "1280m";
        private String taskManagerMemory = "4g";
        private final Map<String, String> settings = new LinkedHashMap<>();
        private Duration startupTimeout = Duration.ofSeconds(120);
        private Duration shutdownTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** Keeps the cluster's logs, checkpoints and savepoints here; the default is a temporary directory. */
        public Builder dataDir(Path dir) {
            this.dataDir = LaunchOptions.dataDir(dir, "Flink");
            return this;
        }

        /** The port of the REST API and web UI on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder restPort(int port) {
            this.restPort = LaunchOptions.port(port, "REST port");
            return this;
        }

        /**
         * The first port of the Prometheus reporters on 127.0.0.1 (the JobManager's; TaskManagers take the next free
         * ones); 0 (the default) starts the range at a free port.
         */
        public Builder metricsPort(int port) {
            this.metricsPort = LaunchOptions.port(port, "metrics port");
            return this;
        }

        /** Task slots per TaskManager (default 2, one per core of a 2-core machine). */
        public Builder slots(int count) {
            this.slots = atLeastOne(count, "slots per TaskManager");
            return this;
        }

        /** Number of TaskManager JVMs (default 1). */
        public Builder taskManagers(int count) {
            this.taskManagers = atLeastOne(count, "TaskManagers");
            return this;
        }

        /** Total process memory of the JobManager JVM, e.g. {@code 1280m} (the default). */
        public Builder jobManagerMemory(String size) {
            this.jobManagerMemory = ClusterConfig.checkMemory(size, "JobManager memory");
            return this;
        }

        /** Total process memory of each TaskManager JVM, e.g. {@code 4g} (the default). */
        public Builder taskManagerMemory(String size) {
            this.taskManagerMemory = ClusterConfig.checkMemory(size, "TaskManager memory");
            return this;
        }

        /** A Flink setting for {@code config.yaml}, e.g. {@code execution.checkpointing.interval=10s}. */
        public Builder setting(String key, String value) {
            ClusterConfig.checkOverride(key, value);
            settings.put(key, value);
            return this;
        }

        /** How long start-up (memory settings, JVM starts, TaskManager registration) may take; default 120 s. */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = LaunchOptions.positive(timeout, "startupTimeout");
            return this;
        }

        /** How long a clean shutdown of each process may take after SIGTERM before it is killed; default 30 s. */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = LaunchOptions.positive(timeout, "shutdownTimeout");
            return this;
        }

        /** Starts the cluster and waits until every TaskManager has registered; it stops when this JVM ends. */
        public LocalFlink start() {
            return launch(this, false);
        }

        /**
         * Starts a cluster that keeps running after this JVM exits; find or stop it later with
         * {@link RunningCluster#find(Path)}. Needs {@link #dataDir(Path)}.
         */
        public RunningCluster startDetached() {
            if (dataDir == null) {
                throw new IllegalStateException("startDetached() needs dataDir(...): a detached cluster is found and "
                        + "stopped through its data directory");
            }
            return launch(this, true).detach();
        }

        private static int atLeastOne(int count, String what) {
            if (count < 1) {
                throw new IllegalArgumentException("Number of " + what + " must be at least 1, got " + count);
            }
            return count;
        }
    }
}
