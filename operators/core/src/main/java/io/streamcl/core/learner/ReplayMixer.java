package io.streamcl.core.learner;

import io.streamcl.core.model.Mlp;
import io.streamcl.core.model.MlpWorkspace;
import io.streamcl.core.optim.StatelessRandom;
import io.streamcl.core.optim.StepSignals;
import io.streamcl.core.replay.ReplayBuffer;
import io.streamcl.core.replay.ReplayConfig;
import io.streamcl.core.state.LabeledRows;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.FloatBuffer;

/**
 * A learner's experience replay ({@code docs/optimizers.md}): appends a replay batch to each update's new rows with
 * the loss weights {@code w/n} and {@code (1 - w)/m}, computes A-GEM's reference gradient on a separate replay
 * batch, and remembers the new rows after the update, so a replay batch never holds the examples it is mixed with.
 * Both draws are keyed by (seed, update number), so a restored learner draws the same batches.
 */
final class ReplayMixer {
    private static final long MIX_TAG = 0x4D49L;
    private static final long REFERENCE_TAG = 0x5246L;

    private final ReplayConfig config;
    private final ReplayBuffer memory;
    private final long key;
    private final float[] rowWeights;
    private final MlpWorkspace reference;
    private final int[] referenceLabels;

    /** Replay for {@code model}'s learner with batches of {@code batchSize}; {@code referenceRows} 0: no A-GEM. */
    ReplayMixer(ReplayConfig config, Mlp model, int batchSize, int referenceRows) {
        this.config = config;
        this.memory = config.create(model.config().inputs(), model.config().outputs(), model.config().seed());
        this.key = StatelessRandom.key(model.config().seed(), MIX_TAG);
        this.rowWeights = new float[batchSize + config.batch()];
        this.reference = referenceRows > 0 ? model.workspace(referenceRows) : null;
        this.referenceLabels = new int[referenceRows];
    }

    /** Rows of replay an update adds at most. */
    static int extraRows(ReplayConfig config) {
        return config.enabled() ? config.batch() : 0;
    }

    /**
     * Appends up to {@code config.batch()} replay rows after the {@code rows} new ones in {@code ws} and {@code
     * labels}, and sets the row weights for update {@code step} on the {@code task}-th task; returns all rows.
     */
    int mix(MlpWorkspace ws, int[] labels, int rows, long step, int task, StepSignals signals) {
        double weight = config.newDataWeight(task, signals);
        // with all the weight on the new rows (1/t on the first task) replay rows would only cost a pass
        int replayed = weight < 1
                ? memory.draw(StatelessRandom.key(key, step), config.batch(), ws.inputBuffer(), labels, rows) : 0;
        double w = replayed == 0 ? 1 : weight;
        for (int r = 0; r < rows; r++) {
            rowWeights[r] = (float) (w / rows);
        }
        for (int r = rows; r < rows + replayed; r++) {
            rowWeights[r] = (float) ((1 - w) / replayed);
        }
        return rows + replayed;
    }

    /** The weights {@link #mix} set, one per row. */
    float[] rowWeights() {
        return rowWeights;
    }

    /** A-GEM's reference gradient for update {@code step} with the current weights, or null (none asked, or no memory). */
    float[] referenceGradient(Mlp model, long step) {
        if (reference == null) {
            return null;
        }
        int rows = memory.draw(StatelessRandom.key(key, REFERENCE_TAG, step), referenceLabels.length,
                reference.inputBuffer(), referenceLabels, 0);
        if (rows == 0) {
            return null;
        }
        model.lossAndGradient(reference, rows, referenceLabels);
        return reference.gradient();
    }

    /** Stored inputs without labels, for stages that read the memory (LPR's {@code ReplayInputs}). */
    int drawInputs(long drawKey, int count, FloatBuffer rows) {
        return memory.draw(drawKey, count, rows, new int[count], 0);
    }

    /** Offers the first {@code rows} rows of the batch (in their arrival form) to the memory. */
    void remember(LabeledRows batch, int rows) {
        for (int r = 0; r < rows; r++) {
            memory.offer(batch, r);
        }
    }

    /** The replay memory (read-only use: diagnostics, tests). */
    ReplayBuffer memory() {
        return memory;
    }

    void writeTo(DataOutput out) throws IOException {
        memory.writeTo(out);
    }

    void readFrom(DataInput in) throws IOException {
        memory.readFrom(in);
    }
}
