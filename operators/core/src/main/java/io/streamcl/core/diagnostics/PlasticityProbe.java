package io.streamcl.core.diagnostics;

import io.streamcl.core.model.Mlp;
import io.streamcl.core.model.MlpWorkspace;
import io.streamcl.core.model.ParameterLayout;

/**
 * Measures loss-of-plasticity symptoms ({@code docs/metrics.md}; Dohare et al., Nature 2024): dead and dormant
 * unit fractions, effective and approximate rank of each hidden layer's representation on a probe batch, mean
 * weight magnitude per layer, and a gradient norm.
 *
 * <p>Cost: one forward pass of the probe batch (O(rows·P), ~2 ms for 1000 × MLP 784-256-256-10), then per hidden
 * layer O(rows·width) for the unit fractions and the {@link SingularValues} cost, O(rows·width²) + O(width³);
 * weight magnitudes are O(P). Together tens of milliseconds for 1000 probe rows and widths of 256: cheap every
 * few hundred updates, not every update. It allocates its own workspace, so it never disturbs a learner's.
 */
public final class PlasticityProbe {
    /** A unit active on fewer than this fraction of the probe inputs is dormant. */
    public static final double DORMANT_ACTIVITY = 0.01;
    /** Share of Σσ² the approximate rank must hold. */
    public static final double RANK_FRACTION = 0.99;

    private PlasticityProbe() {}

    /**
     * Diagnoses {@code model} on the first {@code rows} rows of {@code probe} (row-major, {@code rows x inputs});
     * {@code gradientNorm} is passed through (e.g. {@code OnlineLearner.gradientNorm()}).
     */
    public static PlasticityReport measure(Mlp model, float[] probe, int rows, double gradientNorm) {
        ParameterLayout layout = model.layout();
        MlpWorkspace ws = model.workspace(rows);
        ws.inputBuffer().put(0, probe, 0, rows * model.config().inputs());
        model.forward(ws, rows);
        int hidden = layout.layers() - 1;
        double[] dead = new double[hidden];
        double[] dormant = new double[hidden];
        double[] erank = new double[hidden];
        int[] arank = new int[hidden];
        for (int l = 0; l < hidden; l++) {
            float[] h = ws.hiddenActivations(l);
            int width = layout.fanOut(l);
            dead[l] = deadFraction(h, rows, width);
            dormant[l] = dormantFraction(h, rows, width);
            double[] sigma = SingularValues.of(h, rows, width);
            erank[l] = SingularValues.effectiveRank(sigma);
            arank[l] = SingularValues.approximateRank(sigma, RANK_FRACTION);
        }
        double[] magnitude = new double[layout.layers()];
        for (int l = 0; l < layout.layers(); l++) {
            magnitude[l] = weightMagnitude(model.parameters(), layout, l);
        }
        return new PlasticityReport(dead, dormant, erank, arank, magnitude, gradientNorm);
    }

    /** Fraction of units whose |activation| sums to exactly 0 over the rows. */
    public static double deadFraction(float[] h, int rows, int width) {
        int dead = 0;
        for (int k = 0; k < width; k++) {
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                sum += Math.abs(h[r * width + k]);
            }
            dead += sum == 0 ? 1 : 0;
        }
        return (double) dead / width;
    }

    /** Fraction of units that are non-zero on fewer than {@link #DORMANT_ACTIVITY} of the rows. */
    public static double dormantFraction(float[] h, int rows, int width) {
        int dormant = 0;
        for (int k = 0; k < width; k++) {
            int active = 0;
            for (int r = 0; r < rows; r++) {
                active += h[r * width + k] != 0f ? 1 : 0;
            }
            dormant += active < DORMANT_ACTIVITY * rows ? 1 : 0;
        }
        return (double) dormant / width;
    }

    /** Mean |w| over layer {@code l}'s weight matrix (biases excluded). */
    public static double weightMagnitude(float[] params, ParameterLayout layout, int l) {
        double sum = 0;
        for (int i = layout.weightOffset(l); i < layout.biasOffset(l); i++) {
            sum += Math.abs(params[i]);
        }
        return sum / (layout.biasOffset(l) - layout.weightOffset(l));
    }

    /** Euclidean norm of a gradient vector. */
    public static double gradientNorm(float[] gradient) {
        double sum = 0;
        for (float g : gradient) {
            sum += (double) g * g;
        }
        return Math.sqrt(sum);
    }
}
