package io.streamcl.jobs.common;

/**
 * A condition found before a job starts that it cannot run with (an unusable checkpoint directory, an unreachable
 * broker); its message is the one line a user needs, naming the setting or the address.
 */
public final class JobStartupException extends RuntimeException {
    public JobStartupException(String message) {
        super(message);
    }
}
