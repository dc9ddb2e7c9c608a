package io.streamcl.core.eval;

import io.streamcl.core.model.Mlp;
import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.state.FloatArrays;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Measures FWT's inputs (b_j and R_{j-1,j}, {@code algorithms.md} 1.3) on a stream, where a new task's held-out set
 * fills from empty while the task already trains: when task j first starts after another task, the probe keeps a
 * copy of the parameters (raw and, if any, shadow) as they are then; once j's set holds {@code minSamples}
 * examples, it scores that copy and the initial model on the set and lets the copy go.
 *
 * <p>Decisions. The "initial model" of b_j is the learner's own model at step 0 (GEM's randomly initialised model),
 * rebuilt from the model seed when needed ({@link Mlp#initialParameters}), so it costs no state; scoring it on j's set
 * at any later time gives exactly the accuracy it would have had when j's first example arrived. The pre-task copy
 * is the one cost: 4 bytes per parameter (twice with EMA weights), 1.08 MB for a 784-256-256-10 MLP, held from j's
 * start until its set has enough samples, in memory and in snapshots. At most one copy is kept: a task that has not
 * gathered enough held-out samples by the time the next new task starts gets no FWT term. The set is scored on up to
 * {@code slice} samples from its first row, so both models see the same rows.
 */
public final class ForwardTransferProbe {
    private static final int NONE = Integer.MIN_VALUE;

    private int task = NONE;
    private float[] parameters;
    private float[] shadowParameters;

    /** Task {@code taskId} starts training for the first time, after another task, on these weights. */
    public void taskStarted(int taskId, Mlp model, Optional<Mlp> shadow) {
        task = taskId;
        parameters = model.parameterValues();
        shadowParameters = shadow.map(Mlp::parameterValues).orElse(null);
    }

    /** Whether a pre-task copy waits for its task's held-out samples. */
    public boolean pending() {
        return task != NONE;
    }

    /**
     * Scores the waiting task if its set now holds at least {@code minSamples} examples, and then forgets the copy;
     * empty while there is nothing to measure yet.
     */
    public Optional<TransferScores> measure(HeldOutSets sets, MlpConfig config, TaskEvaluator evaluator,
            int minSamples, int slice) {
        if (task == NONE) {
            return Optional.empty();
        }
        Optional<HeldOutSet> set = sets.of(task).filter(s -> s.size() >= minSamples);
        if (set.isEmpty()) {
            return Optional.empty();
        }
        List<HeldOutSet> only = List.of(set.get());
        double initial = accuracy(evaluator, Mlp.initialize(config), only, slice);
        double before = accuracy(evaluator, Mlp.withParameters(config, parameters), only, slice);
        double shadowBefore = shadowParameters == null ? Double.NaN
                : accuracy(evaluator, Mlp.withParameters(config, shadowParameters), only, slice);
        TransferScores scores = new TransferScores(task, initial, before, shadowBefore);
        task = NONE;
        parameters = null;
        shadowParameters = null;
        return Optional.of(scores);
    }

    private static double accuracy(TaskEvaluator evaluator, Mlp model, List<HeldOutSet> set, int slice) {
        return evaluator.evaluate(model, set, slice, 0).get(0).accuracy();
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(task);
        if (task == NONE) {
            return;
        }
        writeFloats(out, parameters);
        writeFloats(out, shadowParameters);
    }

    public static ForwardTransferProbe readFrom(DataInput in) throws IOException {
        ForwardTransferProbe probe = new ForwardTransferProbe();
        probe.task = in.readInt();
        if (probe.task != NONE) {
            probe.parameters = readFloats(in);
            probe.shadowParameters = readFloats(in);
        }
        return probe;
    }

    private static void writeFloats(DataOutput out, float[] values) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            FloatArrays.write(out, values, 0, values.length);
        }
    }

    private static float[] readFloats(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < -1) {
            throw new IOException("forward-transfer probe holds a parameter copy of length " + length);
        }
        if (length == -1) {
            return null;
        }
        float[] values = new float[length];
        FloatArrays.read(in, values, 0, length);
        return values;
    }
}
