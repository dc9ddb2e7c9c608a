package io.streamcl.deploy.flink;

import io.streamcl.deploy.process.StartupWait;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Waits until every TaskManager of a freshly launched cluster has registered and reported its slots (a job submitted
 * in between would find none), and explains what went wrong if not.
 */
final class ClusterStartup implements StartupWait.Probe<Optional<ClusterOverview>> {

    private static final int TAIL_LINES = 40;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private final ClusterDir dir;
    private final FlinkRestClient rest;
    private final URI restAddress;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final int taskManagers;
    private final int slots;
    private final Duration timeout;

    /** @param timeout the whole start-up's, for the message when it passes */
    ClusterStartup(ClusterDir dir, FlinkRestClient rest, URI restAddress, Process jobManager,
            List<Process> taskManagers, int slotsPerTaskManager, Duration timeout) {
        this.dir = dir;
        this.rest = rest;
        this.restAddress = restAddress;
        this.processes.put(ClusterDir.JOBMANAGER, jobManager);
        for (int i = 0; i < taskManagers.size(); i++) {
            this.processes.put(ClusterDir.taskManager(i), taskManagers.get(i));
        }
        this.taskManagers = taskManagers.size();
        this.slots = taskManagers.size() * slotsPerTaskManager;
        this.timeout = timeout;
    }

    /** Returns once the cluster is ready; throws when a process exits or the timeout since {@code started} ends. */
    void await(long started) {
        StartupWait.await(processes, started + timeout.toNanos(), POLL_INTERVAL, "the Flink cluster", this);
    }

    @Override
    public Optional<ClusterOverview> probe() {
        return rest.probe(PROBE_TIMEOUT);
    }

    @Override
    public boolean isReady(Optional<ClusterOverview> overview) {
        return overview.isPresent() && overview.get().taskManagers() >= taskManagers
                && overview.get().slotsTotal() >= slots;
    }

    @Override
    public IllegalStateException timedOut(Optional<ClusterOverview> overview) {
        return new IllegalStateException("The Flink cluster did not become ready at " + restAddress + " within "
                + timeout.toSeconds() + " s (" + overview.map(o -> o.taskManagers() + " of " + taskManagers
                + " TaskManagers registered").orElse("the REST API does not answer") + ") and was stopped; raise the "
                + "start-up timeout (CLI: --timeout) if this machine is busy. Data dir: " + dir.root() + "\n"
                + dir.logTail(ClusterDir.JOBMANAGER, TAIL_LINES));
    }

    @Override
    public IllegalStateException exitedEarly(String process, int exitCode) {
        String tail = dir.logTail(process, TAIL_LINES);
        String hint = tail.contains("Address already in use") || tail.contains("BindException")
                ? " because a port it needs was taken after it was checked; start again (port 0 picks a free one)"
                : "; the log below says why";
        return new IllegalStateException("The Flink " + process + " exited with code " + exitCode
                + " during start-up" + hint + ". Data dir: " + dir.root() + "\n" + tail);
    }
}
