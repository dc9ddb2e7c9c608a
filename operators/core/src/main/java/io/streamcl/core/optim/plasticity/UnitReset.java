package io.streamcl.core.optim.plasticity;

import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.model.ParameterLayout;
import io.streamcl.core.optim.ParameterSlice;
import io.streamcl.core.optim.StatelessRandom;
import io.streamcl.core.optim.StepContext;
import java.util.Arrays;

/**
 * Re-initialises one hidden unit the way continual backprop and ReDo do: fresh incoming weights from the layer's
 * initial distribution, zero bias (LayerNorm gain 1 and shift 0), zero outgoing weights, optionally moving the
 * unit's mean contribution into the next layer's bias first, and every stage's state cleared on the touched
 * weights (the next layer's bias keeps its state: it was only shifted).
 */
final class UnitReset {
    private UnitReset() {}

    /**
     * Re-initialises unit {@code unit} of hidden layer {@code l}.
     *
     * @param meanActivation the unit's mean activation, folded into the next layer's bias (0 for none)
     * @param key random key for the new incoming weights
     */
    static void reinitialize(StepContext step, int l, int unit, float meanActivation, long key) {
        ParameterLayout layout = step.layout();
        float[] p = step.parameters();
        int in = layout.fanIn(l);
        int out = layout.fanOut(l);
        double bound = step.model().initBound(l);
        ParameterSlice incoming = new ParameterSlice(layout.weightOffset(l) + unit, in, out);
        for (int j = 0; j < in; j++) {
            p[incoming.index(j)] = (float) StatelessRandom.uniform(key, j, bound);
        }
        step.resetState(incoming);
        resetScalar(step, layout.biasOffset(l) + unit, 0f);
        if (layout.normalized(l)) {
            resetScalar(step, layout.gainOffset(l) + unit, 1f);
            resetScalar(step, layout.shiftOffset(l) + unit, 0f);
        }
        int nextOut = layout.fanOut(l + 1);
        ParameterSlice outgoing = new ParameterSlice(layout.weightOffset(l + 1) + unit * nextOut, nextOut, 1);
        int nextBias = layout.biasOffset(l + 1);
        for (int k = 0; k < nextOut; k++) {
            p[nextBias + k] += p[outgoing.index(k)] * meanActivation;
        }
        outgoing.fill(p, 0f);
        step.resetState(outgoing);
    }

    /** Number of hidden units of {@code model}, the length of a per-unit state array (layer after layer). */
    static int hiddenUnits(MlpConfig model) {
        return Arrays.stream(model.hidden()).sum();
    }

    /** Fails unless {@code model} has hidden units for stage {@code stage} to re-initialise. */
    static void requireHiddenLayers(String stage, MlpConfig model) {
        if (model.hidden().length == 0) {
            throw new IllegalArgumentException(stage + " needs at least one hidden layer");
        }
    }

    private static void resetScalar(StepContext step, int index, float value) {
        step.parameters()[index] = value;
        step.resetState(new ParameterSlice(index, 1, 1));
    }
}
