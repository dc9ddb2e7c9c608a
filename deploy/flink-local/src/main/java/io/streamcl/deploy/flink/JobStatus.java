package io.streamcl.deploy.flink;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The state of a job on a Flink cluster, as its REST API reports it.
 *
 * @param jobId    the job id (32 hex digits)
 * @param name     the job name
 * @param state    Flink's job state: {@code INITIALIZING}, {@code CREATED}, {@code RUNNING}, {@code FAILING},
 *                 {@code RESTARTING}, {@code CANCELLING}, {@code FINISHED}, {@code FAILED}, {@code CANCELED}, ...
 * @param duration how long it has run
 * @param failure  for a failed job, the root cause of its last failure
 */
public record JobStatus(String jobId, String name, String state, Duration duration, Optional<String> failure) {

    private static final Set<String> TERMINAL = Set.of("FINISHED", "FAILED", "CANCELED");

    /** {@code true} once the job has ended: finished, failed or canceled. */
    public boolean isTerminal() {
        return TERMINAL.contains(state);
    }

    /** {@code true} if the job ended successfully. */
    public boolean isFinished() {
        return "FINISHED".equals(state);
    }

    @Override
    public String toString() {
        return String.format("%s %s (%s) after %.1f s%s", jobId, state, name, duration.toMillis() / 1e3,
                failure.map(f -> ": " + f).orElse(""));
    }
}
