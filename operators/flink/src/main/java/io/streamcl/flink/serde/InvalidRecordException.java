package io.streamcl.flink.serde;

/** A record that decoded but breaks a rule of the function it is meant for; the message names field and value. */
public class InvalidRecordException extends Exception {
    public InvalidRecordException(String message) {
        super(message);
    }
}
