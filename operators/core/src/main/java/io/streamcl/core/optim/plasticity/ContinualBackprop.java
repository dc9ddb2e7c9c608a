package io.streamcl.core.optim.plasticity;

import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.model.ParameterLayout;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StatelessRandom;
import io.streamcl.core.optim.StepContext;
import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;

/**
 * Continual backpropagation, generate-and-test (Dohare et al., "Loss of Plasticity in Deep Continual Learning",
 * Nature 2024; {@code lop/algos/gnt.py}): after each step, every hidden unit ages by one and updates its running
 * mean activation and utility from the batch activations h (with the post-step weights); then a fraction ρ of
 * the mature units (age > maturity), accumulated fractionally per layer, is replaced: the lowest bias-corrected
 * utilities are re-initialised by {@link UnitReset}.
 *
 * <pre>
 *   f̄ = η f̄ + (1-η) mean_batch(h)            f̂ = f̄ / (1 - η^age)
 *   contribution:           y = mean_k |w_out,k| · mean_batch |h|
 *   adaptable_contribution: y = mean_k |w_out,k| · mean_batch |h - f̂| / mean_j |w_in,j|
 *   u = η u + (1-η) y                         û = u / (1 - η^age)
 *   acc += ρ · #eligible;  replace ⌊acc⌋ eligible units with the smallest û;  acc -= ⌊acc⌋
 * </pre>
 *
 * Spec {@code cbp(rho=1e-4,maturity=100,decay=0.99,utility=contribution)}; state per hidden layer l: {@code
 * utility<l>}, {@code mean<l>} (float), {@code age<l>} (int), and {@code accumulator} (double, one per layer).
 *
 * <p>Deliberate choices against the reference: (1) gnt.py zeroes the unit's mean activation before it folds
 * {@code w_out · f̂} into the next layer's bias, so its bias correction is always zero; here f̂ is read first,
 * so the replacement preserves the function on average as the paper intends. (2) Only the accumulating
 * replacement ({@code accumulate=True}, the Permuted-MNIST runs) is implemented, not the random one for ρ·N &lt; 1.
 * (3) With SGD momentum the momentum of touched weights is cleared too (gnt.py only resets Adam's state).
 * (4) Ties in utility go to the lowest unit index. The maturity default is 100 (the value the Permuted-MNIST
 * runs actually used, see the {@code mt} key quirk), η = 0.99, ρ = 1e-4.
 */
public record ContinualBackprop(double rho, int maturity, double decay, Utility utility) implements UnitRecycling {
    public static final String NAME = "cbp";
    public static final double DEFAULT_RHO = 1e-4;
    public static final int DEFAULT_MATURITY = 100;
    public static final double DEFAULT_DECAY = 0.99;
    public static final Utility DEFAULT_UTILITY = Utility.CONTRIBUTION;
    public static final String ACCUMULATOR = "accumulator";
    private static final long TAG = 0x4342L;

    /** How a unit's instantaneous utility is measured. */
    public enum Utility {
        CONTRIBUTION("contribution"),
        ADAPTABLE_CONTRIBUTION("adaptable_contribution");

        private final String text;

        Utility(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public ContinualBackprop {
        SpecArguments.require(rho >= 0 && rho <= 1, NAME, "rho", rho, "in [0, 1]");
        SpecArguments.require(maturity >= 0, NAME, "maturity", maturity, "non-negative");
        SpecArguments.require(decay >= 0 && decay < 1, NAME, "decay", decay, "in [0, 1)");
        if (utility == null) {
            throw new IllegalArgumentException(NAME + ".utility must be contribution or adaptable_contribution");
        }
    }

    public static ContinualBackprop from(Spec spec) {
        SpecArguments args = new SpecArguments(spec);
        String utility = args.choice("utility", DEFAULT_UTILITY.toString(), Utility.CONTRIBUTION.toString(),
                Utility.ADAPTABLE_CONTRIBUTION.toString());
        ContinualBackprop cbp = new ContinualBackprop(args.number("rho", DEFAULT_RHO),
                args.integer("maturity", DEFAULT_MATURITY), args.number("decay", DEFAULT_DECAY),
                utility.equals(Utility.CONTRIBUTION.toString()) ? Utility.CONTRIBUTION : Utility.ADAPTABLE_CONTRIBUTION);
        args.finish();
        return cbp;
    }

    @Override
    public Spec spec() {
        return Spec.of(NAME).with("rho", rho).with("maturity", maturity).with("decay", decay)
                .with("utility", utility);
    }

    public static String utility(int l) {
        return "utility" + l;
    }

    public static String mean(int l) {
        return "mean" + l;
    }

    public static String age(int l) {
        return "age" + l;
    }

    @Override
    public StageState initialState(MlpConfig model) {
        StageState state = new StageState();
        int[] hidden = model.hidden();
        for (int l = 0; l < hidden.length; l++) {
            state.putFloats(utility(l), new float[hidden[l]]);
            state.putFloats(mean(l), new float[hidden[l]]);
            state.putInts(age(l), new int[hidden[l]]);
        }
        state.putDoubles(ACCUMULATOR, new double[hidden.length]);
        return state;
    }

    /**
     * Like gnt.py, first updates every layer's statistics and picks its units, then replaces them layer by layer,
     * so that no utility sees weights another layer's replacement already changed in this step.
     */
    @Override
    public void apply(StageState state, StepContext step) {
        int hidden = step.layout().layers() - 1;
        int[][] chosen = new int[hidden][];
        double[][] means = new double[hidden][];
        for (int l = 0; l < hidden; l++) {
            means[l] = new double[step.layout().fanOut(l)];
            chosen[l] = test(state, step, l, means[l]);
        }
        for (int l = 0; l < hidden; l++) {
            for (int unit : chosen[l]) {
                UnitReset.reinitialize(step, l, unit, (float) means[l][unit],
                        reinitKey(step.model().seed(), step.step(), l, unit));
                state.ints(age(l))[unit] = 0;
                state.floats(utility(l))[unit] = 0f;
                state.floats(mean(l))[unit] = 0f;
            }
        }
    }

    /**
     * Ages layer l's units, updates their mean activations and utilities, and returns the units to replace;
     * leaves the bias-corrected mean activations in {@code meanCorrected}.
     */
    private int[] test(StageState state, StepContext step, int l, double[] meanCorrected) {
        ParameterLayout layout = step.layout();
        int width = layout.fanOut(l);
        float[] u = state.floats(utility(l));
        float[] f = state.floats(mean(l));
        int[] age = state.ints(age(l));
        float[] h = step.hiddenActivations(l);
        int rows = step.rows();
        float[] p = step.parameters();
        float[] inMag = utility == Utility.ADAPTABLE_CONTRIBUTION ? incomingMagnitudes(p, layout, l) : null;
        int nextOut = layout.fanOut(l + 1);
        int next = layout.weightOffset(l + 1);
        float eta = (float) decay;
        float rest = (float) (1 - decay);
        double[] corrected = new double[width];
        int eligible = 0;
        for (int i = 0; i < width; i++) {
            age[i]++;
            double bias = 1 - Math.pow(decay, age[i]);
            float batchMean = 0f;
            for (int r = 0; r < rows; r++) {
                batchMean += h[r * width + i];
            }
            f[i] = eta * f[i] + rest * (batchMean / rows);
            meanCorrected[i] = f[i] / bias;
            float deviation = 0f;
            float centre = utility == Utility.CONTRIBUTION ? 0f : (float) meanCorrected[i];
            for (int r = 0; r < rows; r++) {
                deviation += Math.abs(h[r * width + i] - centre);
            }
            // a silent unit's utility is 0 whatever its weights: skip the O(fan-out) sum (half the units at batch 1)
            float y = deviation == 0f ? 0f : meanAbs(p, next + i * nextOut, nextOut) * deviation / rows;
            if (inMag != null) {
                y /= inMag[i];
            }
            u[i] = eta * u[i] + rest * y;
            corrected[i] = u[i] / bias;
            if (age[i] > maturity) {
                eligible++;
            }
        }
        if (eligible == 0) {
            return new int[0];
        }
        double[] acc = state.doubles(ACCUMULATOR);
        acc[l] += rho * eligible;
        int[] replace = new int[(int) Math.min(eligible, Math.floor(acc[l]))];
        acc[l] -= Math.floor(acc[l]);
        boolean[] taken = new boolean[width];
        for (int n = 0; n < replace.length; n++) {
            int worst = -1;
            for (int i = 0; i < width; i++) {
                if (age[i] > maturity && !taken[i] && (worst < 0 || corrected[i] < corrected[worst])) {
                    worst = i;
                }
            }
            taken[worst] = true;
            replace[n] = worst;
        }
        return replace;
    }

    /** The random key of the new incoming weights of unit {@code unit} of layer {@code l} at update {@code step}. */
    static long reinitKey(long seed, long step, int l, int unit) {
        return StatelessRandom.key(seed, TAG, step, l, unit);
    }

    /** Mean |x| over {@code x[from, from+n)}, with four accumulators: C2 does not reorder float sums, the CPU can. */
    private static float meanAbs(float[] x, int from, int n) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += Math.abs(x[from + k]);
            s1 += Math.abs(x[from + k + 1]);
            s2 += Math.abs(x[from + k + 2]);
            s3 += Math.abs(x[from + k + 3]);
        }
        for (; k < n; k++) {
            s0 += Math.abs(x[from + k]);
        }
        return ((s0 + s1) + (s2 + s3)) / n;
    }

    /** mean_j |w_in,j| for every unit of layer l, accumulated row by row so the inner loop is contiguous. */
    private static float[] incomingMagnitudes(float[] p, ParameterLayout layout, int l) {
        int in = layout.fanIn(l);
        int out = layout.fanOut(l);
        int w = layout.weightOffset(l);
        float[] mag = new float[out];
        for (int j = 0; j < in; j++) {
            for (int i = 0; i < out; i++) {
                mag[i] += Math.abs(p[w + j * out + i]);
            }
        }
        for (int i = 0; i < out; i++) {
            mag[i] /= in;
        }
        return mag;
    }
}
