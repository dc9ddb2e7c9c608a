package io.streamcl.core.optim.plasticity;

import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StatelessRandom;
import io.streamcl.core.optim.StepContext;
import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;

/**
 * ReDo, recycling dormant neurons (Sokar, Agarwal, Castro and Evci, "The Dormant Neuron Phenomenon in Deep
 * Reinforcement Learning", ICML 2023; {@code dopamine/labs/redo/weight_recyclers.py}): every {@code every}
 * updates, each hidden unit's score {@code s_i = a_i / (mean_k a_k + 1e-9)}, with {@code a_i} its mean absolute
 * activation over the last {@code window} inputs, and every τ-dormant unit ({@code s_i <= τ}) gets fresh incoming
 * weights, zero bias and zero outgoing weights, with every stage's state cleared on them ({@link UnitReset}); the
 * output layer is never recycled. Spec {@code redo(tau=0.025,every=1000,window=256)}; state {@code activity} (a_i
 * of every hidden unit, layer after layer) and counter {@code rows}.
 *
 * <p>Why a window: the paper scores a unit on a batch of inputs, and a unit is dormant when it is silent on
 * (nearly) all of them. Scoring the update's own rows made that a single-example score at batch 1, so every unit
 * silent on that one example was recycled every {@code every} updates (churn, not dormancy). Here {@code a_i}
 * follows every training row: a running mean over the first {@code window} rows, then an exponential average
 * with weight {@code 1/window} per row (a horizon of about {@code window} inputs, whatever the batch size, in
 * O(units) state). Decisions: a window of 256 inputs, so that a unit firing on 2 % of the inputs is seen firing
 * about five times within it; a recycled unit's {@code a_i} restarts at its layer's mean, so it is not recycled
 * again before it has been seen on new inputs; the new incoming weights come from the model's own initial
 * distribution (Dopamine uses Xavier-uniform), as in continual backprop. The τ default is the paper's [unverified]; Dohare's gntRedo uses τ = 0.01, F = 1000,
 * and Kumar et al.'s best was τ = 0 every 625 updates.
 */
public record Redo(double tau, int every, int window) implements UnitRecycling {
    public static final String NAME = "redo";
    public static final double DEFAULT_TAU = 0.025;
    public static final int DEFAULT_EVERY = 1000;
    public static final int DEFAULT_WINDOW = 256;
    public static final String ACTIVITY = "activity";
    public static final String ROWS = "rows";
    private static final long TAG = 0x5244L;
    private static final double EPS = 1e-9;

    public Redo {
        SpecArguments.require(tau >= 0 && Double.isFinite(tau), NAME, "tau", tau, "non-negative");
        SpecArguments.require(every >= 1, NAME, "every", every, "a positive integer");
        SpecArguments.require(window >= 1, NAME, "window", window, "a positive integer");
    }

    public static Redo from(Spec spec) {
        SpecArguments args = new SpecArguments(spec);
        Redo redo = new Redo(args.number("tau", DEFAULT_TAU), args.integer("every", DEFAULT_EVERY),
                args.integer("window", DEFAULT_WINDOW));
        args.finish();
        return redo;
    }

    @Override
    public Spec spec() {
        return Spec.of(NAME).with("tau", tau).with("every", every).with("window", window);
    }

    @Override
    public StageState initialState(MlpConfig model) {
        StageState state = new StageState();
        state.putDoubles(ACTIVITY, new double[UnitReset.hiddenUnits(model)]);
        return state;
    }

    @Override
    public void apply(StageState state, StepContext step) {
        double[] activity = state.doubles(ACTIVITY);
        long seen = state.counter(ROWS);
        int rows = step.rows();
        boolean due = step.step() % every == 0;
        for (int l = 0, offset = 0; l < step.layout().layers() - 1; offset += step.layout().fanOut(l), l++) {
            int width = step.layout().fanOut(l);
            track(activity, offset, step.hiddenActivations(l), rows, width, seen);
            if (due) {
                recycle(step, l, activity, offset, width);
            }
        }
        state.setCounter(ROWS, seen + rows);
    }

    /** Folds the layer's {@code rows x width} activations into the units' windowed mean absolute activations. */
    private void track(double[] activity, int offset, float[] h, int rows, int width, long seen) {
        for (int r = 0; r < rows; r++) {
            double rate = 1.0 / Math.min(seen + r + 1, window);
            for (int i = 0; i < width; i++) {
                activity[offset + i] += rate * (Math.abs(h[r * width + i]) - activity[offset + i]);
            }
        }
    }

    private void recycle(StepContext step, int l, double[] activity, int offset, int width) {
        double mean = 0;
        for (int i = 0; i < width; i++) {
            mean += activity[offset + i];
        }
        mean /= width;
        for (int i = 0; i < width; i++) {
            if (activity[offset + i] / (mean + EPS) <= tau) {
                UnitReset.reinitialize(step, l, i, 0f, reinitKey(step.model().seed(), step.step(), l, i));
                activity[offset + i] = mean;
            }
        }
    }

    /** The random key of the new incoming weights of unit {@code unit} of layer {@code l} at update {@code step}. */
    static long reinitKey(long seed, long step, int l, int unit) {
        return StatelessRandom.key(seed, TAG, step, l, unit);
    }
}
