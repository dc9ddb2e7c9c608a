package io.streamcl.flink.serde;

/** An example that decoded but breaks a rule of the learner it is meant for; the message names field and value. */
public class InvalidExampleException extends Exception {
    public InvalidExampleException(String message) {
        super(message);
    }
}
