package io.streamcl.core.learner;

import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.optim.OptimizerConfig;
import io.streamcl.core.optim.base.Sgd;
import io.streamcl.core.replay.ReplayConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Immutable configuration of one online learner: its model, its update pipeline, its mini-batch size and its
 * experience replay (off by default).
 */
public record LearnerConfig(MlpConfig model, OptimizerConfig optimizer, int batchSize, ReplayConfig replay) {

    public LearnerConfig {
        if (model == null) {
            throw new IllegalArgumentException("model must be set");
        }
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer must be set, e.g. sgd(lr=0.01)");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("learner.batch-size must be positive, got " + batchSize);
        }
        optimizer.validateFor(model);
        if (replay == null) {
            throw new IllegalArgumentException("replay must be set, e.g. none or reservoir(capacity=2000)");
        }
        if (optimizer.readsReplay() && !replay.enabled()) {
            throw new IllegalArgumentException("optimizer " + optimizer + " reads the replay memory: set replay, "
                    + "e.g. reservoir(capacity=2000,batch=0)");
        }
        if (replay.enabled() && !model.classifies()) {
            throw new IllegalArgumentException("replay=" + replay + " needs a classifier: it stores labels");
        }
        if (replay.enabled()) {
            replay.capacityFor(model.inputs(), model.outputs());
        }
    }

    /** A learner without replay. */
    public LearnerConfig(MlpConfig model, OptimizerConfig optimizer, int batchSize) {
        this(model, optimizer, batchSize, ReplayConfig.NONE);
    }

    /** A learner of {@code model} by plain SGD with learning rate {@code lr} on batches of {@code batchSize}. */
    public static LearnerConfig sgd(MlpConfig model, double lr, int batchSize) {
        return new LearnerConfig(model, OptimizerConfig.of(Sgd.plain(lr)), batchSize);
    }

    /** A learner whose optimizer is given in the stage vocabulary, e.g. {@code "adam(lr=0.001)+cbp(rho=1e-4)"}. */
    public static LearnerConfig of(MlpConfig model, String optimizer, int batchSize) {
        return new LearnerConfig(model, OptimizerConfig.parse(optimizer), batchSize);
    }

    /** A learner whose optimizer and replay are given in their vocabularies, e.g. {@code reservoir(capacity=2000)}. */
    public static LearnerConfig of(MlpConfig model, String optimizer, int batchSize, String replay) {
        return new LearnerConfig(model, OptimizerConfig.parse(optimizer), batchSize, ReplayConfig.parse(replay));
    }

    /** Canonical text form: equal configs give equal text on every JVM; without replay, the form before replay. */
    public String canonical() {
        return String.format(Locale.ROOT, "%s;%s;batch=%d%s", model.canonical(), optimizer.canonical(), batchSize,
                replay.enabled() ? ";replay=" + replay.canonical() : "");
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
