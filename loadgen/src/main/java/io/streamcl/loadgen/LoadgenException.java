package io.streamcl.loadgen;

/** A failure the user can act on (missing dataset, unreachable broker, unreadable file); the message says what to do. */
public class LoadgenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LoadgenException(String message) {
        super(message);
    }

    public LoadgenException(String message, Throwable cause) {
        super(message, cause);
    }
}
