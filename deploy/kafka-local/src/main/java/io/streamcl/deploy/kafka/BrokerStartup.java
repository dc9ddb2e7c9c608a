package io.streamcl.deploy.kafka;

import io.streamcl.deploy.process.Ports;
import io.streamcl.deploy.process.StartupWait;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** Waits until a freshly launched broker answers, and explains what went wrong when it does not. */
final class BrokerStartup implements StartupWait.Probe<Boolean> {

    private static final int TAIL_LINES = 40;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final BrokerDir dir;
    private final Process process;
    private final Supplier<TopicAdmin> admin;
    private final int port;
    private final int controllerPort;

    /** @param admin created on first use, which is only after the broker's port accepts connections */
    BrokerStartup(BrokerDir dir, Process process, Supplier<TopicAdmin> admin, int port, int controllerPort) {
        this.dir = dir;
        this.process = process;
        this.admin = admin;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Returns once the broker answers; throws when it exits first or {@code deadlineNanos} passes. */
    void await(long deadlineNanos) {
        StartupWait.await(Map.of("broker", process), deadlineNanos, POLL_INTERVAL, "the Kafka broker", this);
    }

    @Override
    public Boolean probe() {
        // Kafka binds the client port only once it serves requests; until then the admin client is not created.
        return Ports.accepts(port) && admin.get().answers(PROBE_TIMEOUT);
    }

    @Override
    public boolean isReady(Boolean answered) {
        return answered;
    }

    @Override
    public IllegalStateException timedOut(Boolean answered) {
        return new IllegalStateException("The Kafka broker (pid " + process.pid() + ") did not answer on "
                + Ports.HOST + ":" + port + " in time and was stopped; raise startupTimeout (or the CLI's "
                + "--timeout) if this machine is busy. Data dir: " + dir.root() + "\n" + dir.logTail(TAIL_LINES));
    }

    @Override
    public IllegalStateException exitedEarly(String name, int exitCode) {
        String tail = dir.logTail(TAIL_LINES);
        String hint = tail.contains("Address already in use")
                ? " because port " + port + " or controller port " + controllerPort + " was taken after it was "
                        + "checked; start again (port 0 picks free ports)"
                : "; the log below says why";
        String cause = dir.firstException().map(e -> " (" + e + ")").orElse("");
        return new IllegalStateException("The Kafka broker exited with code " + exitCode + " during start-up" + cause
                + hint + ". Data dir: " + dir.root() + "\n" + tail);
    }
}
