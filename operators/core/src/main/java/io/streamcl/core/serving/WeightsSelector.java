package io.streamcl.core.serving;

import io.streamcl.core.eval.TaskScore;
import io.streamcl.core.learner.EvaluationReason;
import io.streamcl.core.learner.LearnerReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Chooses, per learner key, whether predictions come from the raw weights or the EMA shadow weights, from the
 * continual evaluations the learner runs anyway (every evaluation scores both on the same held-out rows).
 *
 * <p>{@link ServingMode#AUTO} serves from the weights whose recent held-out accuracy over the seen tasks is higher,
 * with hysteresis. Decisions, from the stability-gap literature:
 *
 * <ul>
 *   <li><b>What is compared.</b> Per evaluation, the paired difference EMA − raw of the mean accuracy over the seen
 *       tasks that have held-out rows (each task weighs the same, as in avg-ACC and as unlabeled examples drawn
 *       evenly from the seen tasks would; pooling rows instead let the old tasks' full sets outvote the new task
 *       while its set fills, and served EMA weights that had not learnt it yet: 65.5 % against raw 68.5 % on split
 *       Fashion-MNIST). Both weights see the same rows, so the difference is far less noisy than either accuracy.
 *   <li><b>Hysteresis.</b> The challenger takes over only when the mean difference over the last {@code window}
 *       evaluations leads the incumbent by more than {@code margin} (defaults 3 evaluations and 2 points, about two
 *       standard errors): one noisy evaluation never switches, and near-equal weights do not flap.
 *   <li><b>Boundaries.</b> At a task boundary the window restarts: evidence from before it, the boundary's own
 *       evaluation included (no update on the new task yet), describes weights that are about to change. The
 *       incumbent stays unless {@code boundaryEma} is set, which makes the EMA weights the incumbent at once. The
 *       stability gap (De Lange et al., "Continual evaluation for lifelong learning: identifying the stability gap",
 *       ICLR 2023) hits old tasks within the first updates after a boundary, and the EMA weights, moving at most
 *       1 − ρ of the way per update, ride through it (Soutif-Cormerais et al., "Improving online continual learning
 *       performance and stability with temporal ensembles", CoLLAs 2023); but they have not learnt the new task
 *       yet. Measured on split Fashion-MNIST with replay (ServingBench), raw weights beat EMA weights on examples
 *       drawn evenly from all seen tasks in every 10-update bucket after the boundary, while EMA wins on the old
 *       tasks alone; so {@code boundaryEma} is off by default and meant for streams whose unlabeled examples come
 *       from old tasks.
 *   <li><b>No EMA weights</b> (no {@code ema} stage): evaluations carry no EMA accuracy and the raw weights serve.
 * </ul>
 *
 * <p>Its state (incumbent and window) has its own versioned binary form, kept apart from the learner's.
 */
public final class WeightsSelector {
    /** Version of the binary form written by {@link #writeTo}. */
    public static final int FORMAT_VERSION = 1;

    private final ServingConfig config;
    private ServedWeights serving;
    /** EMA minus raw pooled accuracy of the latest evaluations, oldest first, at most {@code window}. */
    private final Deque<Double> differences = new ArrayDeque<>();

    private WeightsSelector(ServingConfig config, ServedWeights serving) {
        this.config = config;
        this.serving = serving;
    }

    /** A selector before any evaluation: EMA under {@link ServingMode#EMA}, else raw. */
    public static WeightsSelector create(ServingConfig config) {
        return new WeightsSelector(config, config.mode() == ServingMode.EMA ? ServedWeights.EMA : ServedWeights.RAW);
    }

    public ServingConfig config() {
        return config;
    }

    /** The weights that serve predictions now. */
    public ServedWeights serving() {
        return serving;
    }

    /** Takes one evaluation report of the learner; returns the weights that serve from now on. */
    public ServedWeights observe(LearnerReport report) {
        return observe(report.scores(), report.reason() == EvaluationReason.BOUNDARY, report.shadowMetrics() != null);
    }

    /**
     * Takes one evaluation's per-task scores ({@code boundary}: the evaluation of a task boundary; {@code
     * shadowKept}: the learner keeps EMA weights, whose accuracies the scores then carry); returns the weights that
     * serve from now on.
     */
    public ServedWeights observe(List<TaskScore> scores, boolean boundary, boolean shadowKept) {
        if (config.mode() != ServingMode.AUTO) {
            return serving;
        }
        if (!shadowKept) {
            differences.clear();
            serving = ServedWeights.RAW;
            return serving;
        }
        if (boundary) {
            differences.clear();
            serving = config.boundaryEma() ? ServedWeights.EMA : serving;
            return serving;
        }
        double difference = 0;
        int tasks = 0;
        for (TaskScore score : scores) {
            if (score.samples() > 0 && Double.isFinite(score.shadowAccuracy())) {
                difference += score.shadowAccuracy() - score.accuracy();
                tasks++;
            }
        }
        if (tasks > 0) {
            differences.addLast(difference / tasks);
            while (differences.size() > config.window()) {
                differences.removeFirst();
            }
        }
        if (differences.size() == config.window()) {
            double lead = differences.stream().mapToDouble(Double::doubleValue).sum() / differences.size();
            if (serving == ServedWeights.RAW && lead > config.margin()) {
                serving = ServedWeights.EMA;
            } else if (serving == ServedWeights.EMA && -lead > config.margin()) {
                serving = ServedWeights.RAW;
            }
        }
        return serving;
    }

    /** This selector's incumbent and window under {@code other}, as a restore under {@code other} reads them. */
    public WeightsSelector reconfigured(ServingConfig other) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            writeTo(new DataOutputStream(bytes));
            return readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), other);
        } catch (IOException e) {
            throw new UncheckedIOException("weights selector state could not be copied in memory", e);
        }
    }

    /** Writes the incumbent and the window in binary form {@link #FORMAT_VERSION}. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(FORMAT_VERSION);
        out.writeByte(serving.ordinal());
        out.writeInt(differences.size());
        for (double difference : differences) {
            out.writeDouble(difference);
        }
    }

    /**
     * Reads a selector written by {@link #writeTo} under {@code config}, which may differ from the writer's (all of it
     * is policy): a shorter window keeps the newest differences, and a fixed mode overrides the incumbent.
     */
    public static WeightsSelector readFrom(DataInput in, ServingConfig config) throws IOException {
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("weights selector state has format version " + version + ", this build reads "
                    + FORMAT_VERSION);
        }
        int kind = in.readByte();
        if (kind < 0 || kind >= ServedWeights.values().length) {
            throw new IOException("weights selector state names served weights " + kind + ", not one of "
                    + List.of(ServedWeights.values()));
        }
        WeightsSelector selector = create(config);
        if (config.mode() == ServingMode.AUTO) {
            selector.serving = ServedWeights.values()[kind];
        }
        for (int i = in.readInt(); i > 0; i--) {
            selector.differences.addLast(in.readDouble());
            if (selector.differences.size() > config.window()) {
                selector.differences.removeFirst();
            }
        }
        return selector;
    }
}
