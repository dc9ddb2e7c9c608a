package io.streamcl.flink.config;

/** A job setting with a bad value; the message names the key and the value. */
public class InvalidSettingException extends IllegalArgumentException {
    public InvalidSettingException(String message) {
        super(message);
    }
}
