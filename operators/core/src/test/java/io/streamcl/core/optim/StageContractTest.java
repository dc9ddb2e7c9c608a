package io.streamcl.core.optim;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.core.spec.Spec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every stage of {@link StageRegistry#standard()} keeps, checked on a scenario per stage (a stage
 * added to the registry without a scenario fails {@link #everyRegisteredStageHasAScenario}): a snapshot taken
 * mid-run and restored continues bit for bit like the original; a state reset touches only its slice; with a zero
 * gradient and a pure base step (no weight decay) the parameters stay put, unless the stage declares why it moves
 * them at rest; and in its scenario the stage changes the run, so a stage that silently does nothing fails.
 */
class StageContractTest {
    private static final long SEED = 17;
    private static final int STEPS = 12;
    private static final int SNAPSHOT_AT = 5;
    private static final int BOUNDARY_AT = 3;
    private static final int REPLAY_ROWS = 6;
    private static final String SGD = "sgd(lr=0.1)";
    private static final String MOMENTUM = "sgd(lr=0.1,momentum=0.9)";
    private static final String ADAM = "adam(lr=0.01)";

    /**
     * How to exercise one stage.
     *
     * @param spec the stage with parameters under which it acts within {@link #STEPS} updates of a tiny model
     * @param base the base step it runs with (none for a base step itself)
     * @param gradientScale scale of the random gradients (they grow by a quarter of it per update)
     * @param deadUnit whether unit 1 of the first hidden layer is silent on every row (for dormancy stages)
     * @param movesAtRest why the stage moves parameters without a gradient, or null when it must not
     */
    record Scenario(String spec, String base, double gradientScale, boolean deadUnit, String movesAtRest) {
        static Scenario of(String spec, String base) {
            return new Scenario(spec, base, 1, false, null);
        }

        Scenario declaring(String why) {
            return new Scenario(spec, base, gradientScale, deadUnit, why);
        }

        Scenario withDeadUnit() {
            return new Scenario(spec, base, gradientScale, true, movesAtRest);
        }

        Scenario withGradientScale(double scale) {
            return new Scenario(spec, base, scale, deadUnit, movesAtRest);
        }

        String optimizer() {
            return base == null ? spec : base + "+" + spec;
        }
    }

    private static final Map<String, Scenario> SCENARIOS = Map.ofEntries(
            Map.entry("sgd", Scenario.of("sgd(lr=0.1,momentum=0.9,wd=0.01)", null)),
            Map.entry("adam", Scenario.of("adam(lr=0.01)", null)),
            Map.entry("adamw", Scenario.of("adamw(lr=0.01)", null)),
            Map.entry("l2", Scenario.of("l2(lambda=0.1)", SGD).declaring("pulls every weight towards zero")),
            Map.entry("l2_init", Scenario.of("l2_init(lambda=0.1)", SGD)),
            Map.entry("upgd", Scenario.of("upgd(sigma=0.01)", SGD).declaring("perturbs and decays weights")),
            Map.entry("spectral", Scenario.of("spectral(lambda=0.1)", SGD)
                    .declaring("pulls each layer's top singular value towards 1")),
            Map.entry("cbp", Scenario.of("cbp(rho=0.5,maturity=2)", SGD)
                    .declaring("replaces low-utility mature units, gradient or not")),
            Map.entry("redo", Scenario.of("redo(tau=0.1,every=4,window=4)", SGD).withDeadUnit()
                    .declaring("recycles dormant units, gradient or not")),
            Map.entry("snr", Scenario.of("snr(eta=0.01)", SGD).withDeadUnit()
                    .declaring("resets units that stopped firing, gradient or not")),
            Map.entry("shrink_perturb", Scenario.of("shrink_perturb(shrink=0.01,sigma=0.1)", SGD)
                    .declaring("shrinks and perturbs every step")),
            Map.entry("nap", Scenario.of("nap", SGD)),
            Map.entry("weight_clip", Scenario.of("weight_clip(kappa=1)", SGD).withGradientScale(10)),
            Map.entry("clip_global", Scenario.of("clip_global(max_norm=0.1)", SGD)),
            Map.entry("clip_tensor", Scenario.of("clip_tensor(max_norm=0.1)", SGD)),
            Map.entry("adagc", Scenario.of("adagc(warmup=2)", SGD).withGradientScale(10)),
            Map.entry("spam", Scenario.of("spam(interval=4,warmup=2)", ADAM)),
            Map.entry("stable_spam", Scenario.of("stable_spam(interval=4)", ADAM)),
            Map.entry("fira_limit", Scenario.of("fira_limit", SGD)),
            Map.entry("cautious", Scenario.of("cautious", MOMENTUM)),
            Map.entry("cautious_wd", Scenario.of("cautious_wd(wd=0.1)", MOMENTUM)),
            Map.entry("agem", Scenario.of("agem", SGD)),
            Map.entry("lpr", Scenario.of("lpr(omega=4,every=4)", SGD)),
            Map.entry("ema", Scenario.of("ema", SGD)),
            Map.entry("hare_tortoise", Scenario.of("hare_tortoise(momentum=0.5,every=4)", SGD)),
            Map.entry("boundary_moments", Scenario.of("boundary_moments", ADAM)),
            Map.entry("boundary_lr", Scenario.of("boundary_lr", SGD)));

    static Stream<String> stages() {
        return StageRegistry.standard().names().stream();
    }

    @Test
    void everyRegisteredStageHasAScenario() {
        assertThat(SCENARIOS.keySet()).containsExactlyInAnyOrderElementsOf(StageRegistry.standard().names());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void aSnapshotTakenMidRunAndRestoredContinuesIdentically(String name) {
        Scenario scenario = SCENARIOS.get(name);
        OptimizerConfig config = OptimizerConfig.parse(scenario.optimizer());
        PipelineHarness original = harness(config, scenario, null);
        run(original, scenario, 1, SNAPSHOT_AT, false);
        byte[] snapshot = original.snapshot();
        float[] parameters = original.parameters().clone();

        PipelineHarness restored = harness(config, scenario, snapshot);
        System.arraycopy(parameters, 0, restored.parameters(), 0, parameters.length);
        run(original, scenario, SNAPSHOT_AT + 1, STEPS, false);
        run(restored, scenario, SNAPSHOT_AT + 1, STEPS, false);

        assertThat(restored.parameters()).containsExactly(original.parameters());
        assertThat(restored.snapshot()).isEqualTo(original.snapshot());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void aStateResetTouchesOnlyItsSlice(String name) throws IOException {
        Scenario scenario = SCENARIOS.get(name);
        OptimizerConfig config = OptimizerConfig.parse(scenario.optimizer());
        PipelineHarness h = harness(config, scenario, null);
        run(h, scenario, 1, SNAPSHOT_AT, false);
        int index = indexOf(config, name);
        StageConfig stage = config.stages().get(index);
        StageState state = h.pipeline.state(index);
        StageState before = copy(state);
        StageState fresh = stage.initialState(h.model.config());
        ParameterSlice slice = new ParameterSlice(h.model.layout().weightOffset(1) + 1, h.model.layout().fanIn(1),
                h.model.layout().fanOut(1));
        stage.reset(state, slice);

        int size = h.model.layout().size();
        boolean[] inSlice = new boolean[size];
        for (int k = 0; k < slice.count(); k++) {
            inSlice[slice.index(k)] = true;
        }
        for (String array : before.floatNames()) {
            float[] was = before.floats(array);
            float[] now = state.floats(array);
            for (int i = 0; i < was.length; i++) {
                if (was.length == size && inSlice[i]) {
                    assertThat(now[i]).as("%s[%d] is kept or back to fresh", array, i)
                            .isIn(was[i], fresh.floats(array)[i]);
                } else {
                    assertThat(now[i]).as("%s[%d] outside the slice", array, i).isEqualTo(was[i]);
                }
            }
        }
        for (String array : before.intNames()) {
            int[] was = before.ints(array);
            for (int i = 0; i < was.length; i++) {
                if (!(was.length == size && inSlice[i])) {
                    assertThat(state.ints(array)[i]).as("%s[%d] outside the slice", array, i).isEqualTo(was[i]);
                }
            }
        }
        for (String array : before.doubleNames()) {
            assertThat(state.doubles(array)).as(array).containsExactly(before.doubles(array));
        }
        for (String counter : before.counterNames()) {
            assertThat(state.counter(counter)).as(counter).isEqualTo(before.counter(counter));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void aZeroGradientWithAPureBaseStepLeavesTheParametersUnchanged(String name) {
        Scenario scenario = SCENARIOS.get(name);
        String optimizer = scenario.base() == null ? Spec.of(name).with("wd", 0).toString() : scenario.optimizer();
        PipelineHarness h = harness(OptimizerConfig.parse(optimizer), scenario, null);
        float[] initial = h.parameters().clone();
        run(h, scenario, 1, STEPS, true);
        if (scenario.movesAtRest() == null) {
            assertThat(h.parameters()).containsExactly(initial);
        } else {
            assertThat(h.parameters()).as("declared: " + scenario.movesAtRest()).isNotEqualTo(initial);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void actsInItsScenario(String name) {
        Scenario scenario = SCENARIOS.get(name);
        assertThat(change(OptimizerConfig.parse(scenario.optimizer()), scenario))
                .as("%s changes the run against %s alone", scenario.spec(), scenario.base())
                .isGreaterThan(1e-6);
    }

    @Test
    void aStageThatDoesNothingFailsTheActsCheck() {
        StageRegistry registry = StageRegistry.standard().with("idle", spec -> new Idle());
        Scenario scenario = Scenario.of("idle", SGD);
        assertThat(change(OptimizerConfig.parse(scenario.optimizer(), registry), scenario)).isZero();
    }

    /**
     * How far the run with the stage ends from the run without it: parameter distance for a stage with a base
     * (the shadow's distance from the raw parameters for a pure shadow stage), distance from the start for a base.
     */
    private static double change(OptimizerConfig config, Scenario scenario) {
        PipelineHarness with = harness(config, scenario, null);
        float[] start = with.parameters().clone();
        run(with, scenario, 1, STEPS, false);
        float[] reference = start;
        if (scenario.base() != null) {
            PipelineHarness without = harness(OptimizerConfig.parse(scenario.base()), scenario, null);
            run(without, scenario, 1, STEPS, false);
            reference = without.parameters();
        }
        double distance = distance(with.parameters(), reference);
        if (distance == 0 && with.pipeline.shadowParameters().isPresent()) {
            distance = distance(with.pipeline.shadowParameters().get(), with.parameters());
        }
        return distance;
    }

    private static PipelineHarness harness(OptimizerConfig config, Scenario scenario, byte[] snapshot) {
        PipelineHarness h = new PipelineHarness(config, true, SEED, snapshot);
        if (scenario.deadUnit()) {
            float[] hidden = h.workspace.hiddenActivations(0);
            int width = h.model.layout().fanOut(0);
            for (int r = 0; r < PipelineHarness.ROWS; r++) {
                hidden[r * width + 1] = 0f;
            }
        }
        return h;
    }

    /** Updates {@code from..to} with gradients and signals that depend on the update number only. */
    private static void run(PipelineHarness h, Scenario scenario, int from, int to, boolean zeroGradient) {
        for (int t = from; t <= to; t++) {
            if (zeroGradient) {
                Arrays.fill(h.gradient(), 0f);
            } else {
                h.randomGradient(SEED + t, scenario.gradientScale() * (1 + t / 4.0));
            }
            float[] reference = new float[h.gradient().length];
            SplittableRandom random = new SplittableRandom(-t);
            for (int i = 0; i < reference.length; i++) {
                reference[i] = (float) random.nextDouble(-1, 1);
            }
            long since = t >= BOUNDARY_AT ? t - BOUNDARY_AT : StepSignals.NO_BOUNDARY;
            h.step(t, new StepSignals(reference, since, StageContractTest::replayRows));
        }
    }

    /** A replay memory of up to {@link #REPLAY_ROWS} rows that depend on the draw's key only. */
    private static int replayRows(long drawKey, int count, FloatBuffer rows) {
        int n = Math.min(count, REPLAY_ROWS);
        SplittableRandom random = new SplittableRandom(drawKey);
        for (int i = 0; i < n * (rows.capacity() / count); i++) {
            rows.put(i, (float) random.nextDouble(-1, 1));
        }
        return n;
    }

    private static int indexOf(OptimizerConfig config, String name) {
        for (int i = 0; i < config.stages().size(); i++) {
            if (config.stages().get(i).spec().name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static StageState copy(StageState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        state.writeTo(new DataOutputStream(bytes));
        return StageState.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }

    private static double distance(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("parameter %d is finite", i).isFinite();
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }

    /** A stage that registers and runs but never acts. */
    private record Idle() implements StageConfig {
        @Override
        public Spec spec() {
            return Spec.of("idle");
        }

        @Override
        public Phase phase() {
            return Phase.MAINTENANCE;
        }

        @Override
        public void apply(StageState state, StepContext step) {}
    }
}
