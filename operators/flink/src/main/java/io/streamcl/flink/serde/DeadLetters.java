package io.streamcl.flink.serde;

import io.streamcl.schemas.DeadLetter;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;

/**
 * Builds {@link DeadLetter}s that always fit the dead-letters topic: key and value are cut to their first {@value
 * #MAX_COPY} bytes, their full lengths and the value's SHA-256 kept, and the reason cut to {@value #MAX_REASON}
 * characters, so a record of any size (up to a topic's raised limit) leaves a dead letter of at most ~130 KiB.
 */
public final class DeadLetters {
    /** Bytes of the raw key and value a dead letter keeps. */
    public static final int MAX_COPY = 64 * 1024;
    /** Characters of the reason a dead letter keeps. */
    public static final int MAX_REASON = 2048;

    private DeadLetters() {}

    /** The dead letter of {@code record}, rejected as {@code errorType} because of {@code reason}. */
    public static DeadLetter of(KafkaRecord record, String errorType, String reason) {
        byte[] key = record.key;
        byte[] value = record.value;
        return DeadLetter.newBuilder()
                .setSourceTopic(record.topic)
                .setPartition(record.partition)
                .setOffset(record.offset)
                .setRecordKey(head(key))
                .setKeyLength(key == null ? null : (long) key.length)
                .setValue(head(value))
                .setValueLength(value == null ? null : (long) value.length)
                .setValueSha256(value == null ? null : ByteBuffer.wrap(sha256(value)))
                .setTruncated((key != null && key.length > MAX_COPY) || (value != null && value.length > MAX_COPY))
                .setErrorType(errorType)
                .setReason(reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 3) + "...")
                .setDetectedAt(Instant.now())
                .build();
    }

    private static ByteBuffer head(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes.length <= MAX_COPY ? bytes : Arrays.copyOf(bytes, MAX_COPY));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
