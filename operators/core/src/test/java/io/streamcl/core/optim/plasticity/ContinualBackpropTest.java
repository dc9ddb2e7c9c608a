package io.streamcl.core.optim.plasticity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.core.model.Activation;
import io.streamcl.core.model.InitScheme;
import io.streamcl.core.model.Loss;
import io.streamcl.core.model.Mlp;
import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.model.MlpWorkspace;
import io.streamcl.core.optim.ParameterSlice;
import io.streamcl.core.optim.StageFixture;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StatelessRandom;
import io.streamcl.core.optim.StepContext;
import io.streamcl.core.optim.base.Adam;
import io.streamcl.core.optim.plasticity.ContinualBackprop.Utility;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tests {@link ContinualBackprop} against a slow reference of Dohare et al.'s gnt.py (with the bias correction
 * fixed), step by step with its state; the replacement count against the rate; and function preservation.
 */
class ContinualBackpropTest {

    @ParameterizedTest
    @EnumSource(Utility.class)
    void matchesGenerateAndTestReferenceStepByStep(Utility utility) {
        ContinualBackprop cbp = new ContinualBackprop(0.3, 2, 0.9, utility);
        StageFixture f = new StageFixture(true, 3, 21);
        StageState state = cbp.initialState(f.model);
        Adam adam = Adam.withLearningRate(0.01);
        StageState adamState = adam.initialState(f.model);
        adam.apply(adamState, f.context(0));
        Reference ref = new Reference(f, 0.3, 2, 0.9, utility);
        SplittableRandom random = new SplittableRandom(5);
        int replaced = 0;
        for (int step = 1; step <= 12; step++) {
            for (float[] h : f.hidden) {
                for (int i = 0; i < h.length; i++) {
                    h[i] = (float) Math.max(0, random.nextDouble(-0.5, 1.5));
                }
            }
            ref.step(step);
            f.resets.clear();
            cbp.apply(state, f.context(step, adam, adamState));
            replaced += f.resets.size();
            for (int l = 0; l < 2; l++) {
                for (int i = 0; i < f.layout.fanOut(l); i++) {
                    assertThat(state.ints(ContinualBackprop.age(l))[i]).as("age %d/%d step %d", l, i, step).isEqualTo(ref.age[l][i]);
                    assertThat((double) state.floats(ContinualBackprop.utility(l))[i]).isCloseTo(ref.util[l][i], within(1e-5));
                    assertThat((double) state.floats(ContinualBackprop.mean(l))[i]).isCloseTo(ref.mean[l][i], within(1e-5));
                }
                assertThat(state.doubles(ContinualBackprop.ACCUMULATOR)[l]).isCloseTo(ref.acc[l], within(1e-9));
            }
            for (int i = 0; i < f.params.length; i++) {
                assertThat((double) f.params[i]).as("param %d step %d", i, step).isCloseTo(ref.p[i], within(1e-5));
            }
            for (ParameterSlice slice : f.resets) {
                for (int k = 0; k < slice.count(); k++) {
                    assertThat(adamState.floats(Adam.M)[slice.index(k)]).isZero();
                    assertThat(adamState.floats(Adam.BIAS2)[slice.index(k)]).isZero();
                }
            }
        }
        assertThat(replaced).isGreaterThan(10);
    }

    @Test
    void replacementsFollowTheRateThroughTheAccumulator() {
        ContinualBackprop cbp = new ContinualBackprop(0.05, 0, 0.99, Utility.CONTRIBUTION);
        StageFixture f = new StageFixture(false, 2, 3);
        StageState state = cbp.initialState(f.model);
        int[] incoming = new int[2];
        for (int step = 1; step <= 200; step++) {
            f.resets.clear();
            cbp.apply(state, f.context(step));
            for (ParameterSlice s : f.resets) {
                if (s.count() == f.layout.fanIn(0) && s.stride() == 5) {
                    incoming[0]++;
                } else if (s.count() == f.layout.fanIn(1) && s.stride() == 3) {
                    incoming[1]++;
                }
            }
        }
        // every unit is eligible at every step (maturity 0): 200 * 0.05 * width, floored by the accumulator
        assertThat(incoming[0]).isEqualTo(50);
        assertThat(incoming[1]).isEqualTo(30);
    }

    @Test
    void noUnitIsReplacedBeforeItMatures() {
        ContinualBackprop cbp = new ContinualBackprop(1.0, 5, 0.99, Utility.CONTRIBUTION);
        StageFixture f = new StageFixture(false, 2, 3);
        StageState state = cbp.initialState(f.model);
        for (int step = 1; step <= 5; step++) {
            cbp.apply(state, f.context(step));
        }
        assertThat(f.resets).isEmpty();
        cbp.apply(state, f.context(6));
        assertThat(f.resets).isNotEmpty();
    }

    @Test
    void replacementPreservesTheBatchMeanOfTheNextLayer() {
        MlpConfig config = new MlpConfig(4, new int[] {5}, 2, Activation.TANH, false, Loss.SQUARED_ERROR,
                InitScheme.LECUN_UNIFORM, 8);
        Mlp mlp = Mlp.initialize(config);
        for (int b = config.widths()[0] * 5; b < config.widths()[0] * 5 + 5; b++) {
            mlp.parameters()[b] = 0.3f;
        }
        int rows = 6;
        MlpWorkspace ws = mlp.workspace(rows);
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < rows * 4; i++) {
            ws.inputBuffer().put(i, (float) random.nextDouble(-1, 1));
        }
        ContinualBackprop cbp = new ContinualBackprop(0.2, 2, 0.5, Utility.CONTRIBUTION);
        StageState state = cbp.initialState(config);
        float[] initial = Mlp.initialParameters(config);
        int[] replacedAt = new int[1];
        for (int step = 1; step <= 3; step++) {
            mlp.forward(ws, rows);
            double[] before = columnMeans(ws, rows);
            float[][] hidden = {ws.hiddenActivations(0).clone()};
            int current = step;
            cbp.apply(state, new StepContext(config, mlp.parameters(), new float[mlp.layout().size()], initial, hidden,
                    rows, step, slice -> replacedAt[0] = current));
            mlp.forward(ws, rows);
            double[] after = columnMeans(ws, rows);
            for (int k = 0; k < 2; k++) {
                assertThat(after[k]).as("output %d after step %d", k, step).isCloseTo(before[k], within(1e-5));
            }
        }
        assertThat(replacedAt[0]).isEqualTo(3);
    }

    private static double[] columnMeans(MlpWorkspace ws, int rows) {
        double[] mean = new double[2];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < 2; k++) {
                mean[k] += ws.probabilityBuffer().get(r * 2 + k) / rows;
            }
        }
        return mean;
    }

    /** gnt.py in plain double arithmetic, with the next-layer bias correction applied before the reset. */
    private static final class Reference {
        final StageFixture f;
        final double rho;
        final int maturity;
        final double eta;
        final Utility utility;
        final double[] p;
        final double[][] util = new double[2][];
        final double[][] mean = new double[2][];
        final double[][] meanHat = new double[2][];
        final int[][] age = new int[2][];
        final double[] acc = new double[2];

        Reference(StageFixture f, double rho, int maturity, double eta, Utility utility) {
            this.f = f;
            this.rho = rho;
            this.maturity = maturity;
            this.eta = eta;
            this.utility = utility;
            this.p = StageFixture.doubles(f.params);
            for (int l = 0; l < 2; l++) {
                int n = f.layout.fanOut(l);
                util[l] = new double[n];
                mean[l] = new double[n];
                meanHat[l] = new double[n];
                age[l] = new int[n];
            }
        }

        /** gnt.py's order: every layer's statistics and choices first (test_features), then the replacements. */
        void step(int step) {
            List<int[]> replacements = new ArrayList<>();
            for (int l = 0; l < 2; l++) {
                int n = f.layout.fanOut(l);
                int in = f.layout.fanIn(l);
                int nextOut = f.layout.fanOut(l + 1);
                double[] corrected = new double[n];
                int eligible = 0;
                for (int i = 0; i < n; i++) {
                    age[l][i]++;
                    double bc = 1 - Math.pow(eta, age[l][i]);
                    double batchMean = 0;
                    for (int r = 0; r < f.rows; r++) {
                        batchMean += f.hidden[l][r * n + i] / f.rows;
                    }
                    mean[l][i] = eta * mean[l][i] + (1 - eta) * batchMean;
                    meanHat[l][i] = mean[l][i] / bc;
                    double out = 0;
                    for (int k = 0; k < nextOut; k++) {
                        out += Math.abs(p[f.layout.weightOffset(l + 1) + i * nextOut + k]) / nextOut;
                    }
                    double dev = 0;
                    for (int r = 0; r < f.rows; r++) {
                        double h = f.hidden[l][r * n + i];
                        dev += Math.abs(utility == Utility.CONTRIBUTION ? h : h - meanHat[l][i]) / f.rows;
                    }
                    double y = out * dev;
                    if (utility == Utility.ADAPTABLE_CONTRIBUTION) {
                        double inMag = 0;
                        for (int j = 0; j < in; j++) {
                            inMag += Math.abs(p[f.layout.weightOffset(l) + j * n + i]) / in;
                        }
                        y /= inMag;
                    }
                    util[l][i] = eta * util[l][i] + (1 - eta) * y;
                    corrected[i] = util[l][i] / bc;
                    eligible += age[l][i] > maturity ? 1 : 0;
                }
                if (eligible == 0) {
                    continue;
                }
                acc[l] += rho * eligible;
                int replace = (int) Math.min(eligible, Math.floor(acc[l]));
                acc[l] -= Math.floor(acc[l]);
                Integer[] order = new Integer[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, Comparator.comparingDouble((Integer i) -> corrected[i]).thenComparingInt(i -> i));
                int taken = 0;
                for (int i : order) {
                    if (taken < replace && age[l][i] > maturity) {
                        replacements.add(new int[] {l, i});
                        taken++;
                    }
                }
            }
            replacements.sort(Comparator.comparingInt((int[] r) -> r[0]));
            for (int[] r : replacements) {
                replace(step, r[0], r[1], meanHat[r[0]][r[1]]);
            }
        }

        void replace(int step, int l, int unit, double meanHat) {
            int n = f.layout.fanOut(l);
            long key = ContinualBackprop.reinitKey(f.model.seed(), step, l, unit);
            double bound = f.model.initBound(l);
            for (int j = 0; j < f.layout.fanIn(l); j++) {
                p[f.layout.weightOffset(l) + j * n + unit] = (float) StatelessRandom.uniform(key, j, bound);
            }
            p[f.layout.biasOffset(l) + unit] = 0;
            p[f.layout.gainOffset(l) + unit] = 1;
            p[f.layout.shiftOffset(l) + unit] = 0;
            int nextOut = f.layout.fanOut(l + 1);
            for (int k = 0; k < nextOut; k++) {
                int w = f.layout.weightOffset(l + 1) + unit * nextOut + k;
                p[f.layout.biasOffset(l + 1) + k] += p[w] * meanHat;
                p[w] = 0;
            }
            age[l][unit] = 0;
            util[l][unit] = 0;
            mean[l][unit] = 0;
        }
    }
}
