package io.streamcl.core.optim.plasticity;

import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.optim.Phase;
import io.streamcl.core.optim.StageConfig;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StatelessRandom;
import io.streamcl.core.optim.StepContext;
import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;

/**
 * ReDo, recycling dormant neurons (Sokar, Agarwal, Castro and Evci, "The Dormant Neuron Phenomenon in Deep
 * Reinforcement Learning", ICML 2023; {@code dopamine/labs/redo/weight_recyclers.py}): every {@code every}
 * updates, each hidden unit's score on the update's batch is {@code s_i = mean_x |h_i| / (mean_k mean_x |h_k| +
 * 1e-9)}, and every τ-dormant unit ({@code s_i <= τ}) gets fresh incoming weights, zero bias and zero outgoing
 * weights, with every stage's state cleared on them ({@link UnitReset}); the output layer is never recycled.
 * Spec {@code redo(tau=0.025,every=1000)}; no state (the schedule follows the update number).
 *
 * <p>Deliberate choices: the new incoming weights come from the model's own initial distribution (Dopamine uses
 * Xavier-uniform), consistent with continual backprop; the score uses the update's own batch, so at batch 1 it
 * is a single-example score. The τ default is the paper's [unverified]; Dohare's gntRedo uses τ = 0.01, F =
 * 1000, and Kumar et al.'s best was τ = 0 every 625 updates.
 */
public record Redo(double tau, int every) implements StageConfig {
    public static final String NAME = "redo";
    public static final double DEFAULT_TAU = 0.025;
    public static final int DEFAULT_EVERY = 1000;
    private static final long TAG = 0x5244L;
    private static final double EPS = 1e-9;

    public Redo {
        SpecArguments.require(tau >= 0 && Double.isFinite(tau), NAME, "tau", tau, "non-negative");
        SpecArguments.require(every >= 1, NAME, "every", every, "a positive integer");
    }

    public static Redo from(Spec spec) {
        SpecArguments args = new SpecArguments(spec);
        Redo redo = new Redo(args.number("tau", DEFAULT_TAU), args.integer("every", DEFAULT_EVERY));
        args.finish();
        return redo;
    }

    @Override
    public Spec spec() {
        return Spec.of(NAME).with("tau", tau).with("every", every);
    }

    @Override
    public Phase phase() {
        return Phase.MAINTENANCE;
    }

    @Override
    public void validateFor(MlpConfig model) {
        UnitReset.requireHiddenLayers(NAME, model);
    }

    @Override
    public void apply(StageState state, StepContext step) {
        if (step.step() % every != 0) {
            return;
        }
        for (int l = 0; l < step.layout().layers() - 1; l++) {
            double[] scores = scores(step.hiddenActivations(l), step.rows(), step.layout().fanOut(l));
            for (int i = 0; i < scores.length; i++) {
                if (scores[i] <= tau) {
                    UnitReset.reinitialize(step, l, i, 0f, reinitKey(step.model().seed(), step.step(), l, i));
                }
            }
        }
    }

    /** The random key of the new incoming weights of unit {@code unit} of layer {@code l} at update {@code step}. */
    static long reinitKey(long seed, long step, int l, int unit) {
        return StatelessRandom.key(seed, TAG, step, l, unit);
    }

    /** The τ-dormancy scores of a layer's units from its {@code rows x width} activations. */
    public static double[] scores(float[] h, int rows, int width) {
        double[] scores = new double[width];
        double total = 0;
        for (int i = 0; i < width; i++) {
            double s = 0;
            for (int r = 0; r < rows; r++) {
                s += Math.abs(h[r * width + i]);
            }
            scores[i] = s / rows;
            total += scores[i];
        }
        double denominator = total / width + EPS;
        for (int i = 0; i < width; i++) {
            scores[i] /= denominator;
        }
        return scores;
    }
}
