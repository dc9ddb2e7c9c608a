package io.streamcl.core.learner;

import io.streamcl.core.model.MlpConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Immutable configuration of one online learner: its model, its SGD learning rate and its mini-batch size. */
public record LearnerConfig(MlpConfig model, double learningRate, int batchSize) {

    public LearnerConfig {
        if (model == null) {
            throw new IllegalArgumentException("model must be set");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("optimizer.lr must be a positive finite number, got " + learningRate);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("learner.batch-size must be positive, got " + batchSize);
        }
    }

    /** Canonical text form: equal configs give equal text on every JVM. */
    public String canonical() {
        return String.format(Locale.ROOT, "%s;sgd(lr=%s);batch=%d", model.canonical(), learningRate, batchSize);
    }

    /** Stable 16-hex-digit hash of {@link #canonical()}, carried on every output event. */
    public String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
