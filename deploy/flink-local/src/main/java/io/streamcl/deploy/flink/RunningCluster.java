package io.streamcl.deploy.flink;

import io.streamcl.deploy.process.ChildJvm;
import io.streamcl.deploy.process.Ports;
import io.streamcl.deploy.process.RunFiles;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cluster that runs on its own, found through the pid files in its data directory (see
 * {@link LocalFlink.Builder#startDetached()}).
 *
 * @param dataDir         the data directory it was started with
 * @param restAddress     its REST API and web UI
 * @param jobManagerPid   process id of the JobManager JVM
 * @param taskManagerPids process ids of the TaskManager JVMs that are alive
 */
public record RunningCluster(Path dataDir, URI restAddress, long jobManagerPid, List<Long> taskManagerPids) {

    /** Copies the pid list. */
    public RunningCluster {
        taskManagerPids = List.copyOf(taskManagerPids);
    }

    /** The cluster started from {@code dataDir}, if its JobManager is alive. */
    public static Optional<RunningCluster> find(Path dataDir) {
        ClusterDir dir = new ClusterDir(dataDir);
        RunFiles runs = dir.runFiles();
        return runs.running(ClusterDir.JOBMANAGER).map(jobManager -> new RunningCluster(dir.root(),
                URI.create(runs.address().orElse("http://" + Ports.HOST + ":8081")), jobManager.pid(),
                taskManagers(runs).stream().map(ProcessHandle::pid).toList()));
    }

    /**
     * Stops whatever is still running from {@code dataDir} (also TaskManagers left behind by a JobManager that died):
     * the TaskManagers, then the JobManager, each with SIGTERM and a kill after {@code timeout}.
     *
     * @return the number of processes stopped, and whether every one stopped cleanly
     */
    public static StopResult stop(Path dataDir, Duration timeout) {
        ClusterDir dir = new ClusterDir(dataDir);
        RunFiles runs = dir.runFiles();
        List<ProcessHandle> taskManagers = taskManagers(runs);
        Optional<ProcessHandle> jobManager = runs.running(ClusterDir.JOBMANAGER);
        boolean clean = ChildJvm.stopAll(taskManagers, timeout);
        if (jobManager.isPresent()) {
            clean &= ChildJvm.stop(jobManager.get(), timeout);
        }
        runs.delete();
        dir.deleteScratch();
        return new StopResult(taskManagers.size() + (jobManager.isPresent() ? 1 : 0), clean);
    }

    /** The number of cluster processes still alive in {@code dataDir}, e.g. TaskManagers whose JobManager died. */
    public static int leftoverProcesses(Path dataDir) {
        RunFiles runs = new ClusterDir(dataDir).runFiles();
        return (int) runs.recorded().stream().filter(p -> runs.running(p).isPresent()).count();
    }

    /** A client of this cluster's REST API. */
    public FlinkRestClient rest() {
        return new FlinkRestClient(restAddress);
    }

    /** Stops this cluster; see {@link #stop(Path, Duration)}. */
    public StopResult stop(Duration timeout) {
        return stop(dataDir, timeout);
    }

    private static List<ProcessHandle> taskManagers(RunFiles runs) {
        List<ProcessHandle> alive = new ArrayList<>();
        for (String process : runs.recorded()) {
            if (!process.equals(ClusterDir.JOBMANAGER)) {
                runs.running(process).ifPresent(alive::add);
            }
        }
        return alive;
    }

    /**
     * The outcome of stopping a cluster.
     *
     * @param processes how many cluster JVMs were running
     * @param clean     {@code false} if any of them had to be killed after the timeout
     */
    public record StopResult(int processes, boolean clean) {
    }
}
