package io.streamcl.core.optim.plasticity;

import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StatelessRandom;
import io.streamcl.core.optim.StepContext;
import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;

/**
 * Self-Normalized Resets (Farias and Jozefiak, "Self-Normalized Resets for Plasticity in Continual Learning",
 * ICLR 2025; {@code ajozefiak/SelfNormalizedResets}, {@code src/algorithms/neuron_ages.py}): every hidden unit
 * keeps its age, the number of consecutive inputs since it last fired ({@code h > 0}), and its firing rate; after
 * every update a unit is reset ({@link UnitReset}) when a silence as long as its age is too unlikely for a unit
 * that still fires at its own rate:
 *
 * <pre>
 *   reset unit i  when  (1 - p_i)^age_i < η,     p_i = (fires_i + 1) / (inputs_i - age_i + 2)
 * </pre>
 *
 * with {@code fires_i} and {@code inputs_i} counted since the unit's (re)initialisation, so {@code p_i} is its
 * rate while it was alive (with a uniform prior, so that a unit that fired on its first input only is not reset
 * after one silence); one hyperparameter η and no task boundaries. Spec {@code snr(eta=1e-4)}; state {@code
 * age}, {@code fires}, {@code inputs} (per hidden unit, layer after layer).
 *
 * <p>Decisions. The paper's test compares the age with a quantile of the unit's inter-firing times, which the
 * reference estimates from a histogram of ages and refreshes at task ends; here the inter-firing time is modelled
 * as geometric with the unit's firing rate, which gives the same quantile, {@code ln η / ln(1 - p_i)}, in O(1) per
 * unit and without task boundaries. Ages count inputs one by one (the reference's batched variant adds the batch
 * size when the unit fired on none of the batch). A unit that has not fired since its (re)initialisation is
 * tested with its layer's firing rate. η is the rate of mistaken resets: a live unit of rate p meets a streak that
 * long about η·p times per input, so η = 1e-4 keeps it below one per 10,000 inputs [the paper's value
 * unverified]. A reset unit gets fresh incoming weights from the initial distribution, zero bias and zero outgoing
 * weights, and its counts restart.
 */
public record SelfNormalizedResets(double eta) implements UnitRecycling {
    public static final String NAME = "snr";
    public static final double DEFAULT_ETA = 1e-4;
    public static final String AGE = "age";
    public static final String FIRES = "fires";
    public static final String INPUTS = "inputs";
    private static final long TAG = 0x534eL;

    public SelfNormalizedResets {
        SpecArguments.require(eta > 0 && eta < 1, NAME, "eta", eta, "in (0, 1)");
    }

    public static SelfNormalizedResets from(Spec spec) {
        SpecArguments args = new SpecArguments(spec);
        SelfNormalizedResets snr = new SelfNormalizedResets(args.number("eta", DEFAULT_ETA));
        args.finish();
        return snr;
    }

    @Override
    public Spec spec() {
        return Spec.of(NAME).with("eta", eta);
    }

    @Override
    public StageState initialState(MlpConfig model) {
        int units = UnitReset.hiddenUnits(model);
        StageState state = new StageState();
        state.putDoubles(AGE, new double[units]);
        state.putDoubles(FIRES, new double[units]);
        state.putDoubles(INPUTS, new double[units]);
        return state;
    }

    @Override
    public void apply(StageState state, StepContext step) {
        double[] age = state.doubles(AGE);
        double[] fires = state.doubles(FIRES);
        double[] inputs = state.doubles(INPUTS);
        double logEta = Math.log(eta);
        for (int l = 0, offset = 0; l < step.layout().layers() - 1; offset += step.layout().fanOut(l), l++) {
            int width = step.layout().fanOut(l);
            float[] h = step.hiddenActivations(l);
            for (int r = 0; r < step.rows(); r++) {
                for (int i = 0; i < width; i++) {
                    int u = offset + i;
                    inputs[u]++;
                    if (h[r * width + i] > 0) {
                        fires[u]++;
                        age[u] = 0;
                    } else {
                        age[u]++;
                    }
                }
            }
            double layerRate = layerRate(fires, inputs, offset, width);
            for (int i = 0; i < width; i++) {
                int u = offset + i;
                double rate = fires[u] > 0 ? (fires[u] + 1) / (inputs[u] - age[u] + 2) : layerRate;
                if (age[u] * Math.log1p(-rate) < logEta) {
                    UnitReset.reinitialize(step, l, i, 0f, reinitKey(step.model().seed(), step.step(), l, i));
                    age[u] = 0;
                    fires[u] = 0;
                    inputs[u] = 0;
                }
            }
        }
    }

    /** The random key of the new incoming weights of unit {@code unit} of layer {@code l} at update {@code step}. */
    static long reinitKey(long seed, long step, int l, int unit) {
        return StatelessRandom.key(seed, TAG, step, l, unit);
    }

    private static double layerRate(double[] fires, double[] inputs, int offset, int width) {
        double f = 0;
        double n = 0;
        for (int u = offset; u < offset + width; u++) {
            f += fires[u];
            n += inputs[u];
        }
        return n == 0 ? 0 : f / n;
    }
}
