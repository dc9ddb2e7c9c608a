package io.streamcl.core.optim.gap;

import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.model.ParameterLayout;
import io.streamcl.core.optim.Phase;
import io.streamcl.core.optim.StageConfig;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StatelessRandom;
import io.streamcl.core.optim.StepContext;
import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;

/**
 * Layerwise Proximal Replay (Yoo, Liu, Wood and Pleiss, "Layerwise Proximal Replay: A Proximal Point Method for
 * Online Continual Learning", ICML 2024; {@code plai-group/LPR}, {@code src/strategies/lpr_plugin.py}): a gradient
 * transform that lets each layer's outputs on past data change only gradually. With {@code Z_l} the inputs of layer
 * l on {@code n} examples drawn from the replay memory (the raw features for the first layer, the previous layer's
 * activations after it), a column of ones appended for the bias, every {@code every} updates
 *
 * <pre>
 *   P_l = (I + ω · Z_lᵀ Z_l / n)⁻¹                      (in+1) x (in+1), symmetric positive definite
 * </pre>
 *
 * and on every update layer l's weight-and-bias gradient, an {@code (in+1) x out} matrix with the bias as its last
 * row, becomes {@code P_l G_l}: the proximal step that penalises {@code ω ‖Z_l ΔW_l‖² / n}, the change of the layer's
 * outputs on the replayed inputs, next to the step's own {@code ‖ΔW_l‖²}. Directions the replayed inputs span are
 * damped, directions they never excite are untouched. Spec {@code lpr(omega=1,every=30,sample=2000)}; state: float
 * arrays {@code p0, p1, ...} (each layer's {@code P_l}, row-major) and counter {@code refreshed} (the update that
 * last computed them, 0 before any).
 *
 * <p>Decisions. ω = 1 is the reference's default {@code omega_0} (its tuned runs use 4 on Split-CIFAR100 and 0.25 on
 * Split-TinyImageNet); the reference scales ω only for convolutions, so an MLP's layers share it. {@code every = 30}
 * updates is the reference's Split-CIFAR100 run ({@code every_iter=30}, counted in optimizer iterations as here).
 * The reference uses the whole buffer ({@code n_data=null}); {@code sample = 2000} rows is the whole default memory
 * and bounds the cost of a larger one. The first preconditioner is computed as soon as the memory holds an example
 * rather than at the next multiple of {@code every} (the reference waits, keeping the identity). LayerNorm gains
 * and shifts keep their gradient (the reference preconditions BatchNorm per channel; a LayerNorm has no such
 * per-layer input matrix). The draw is keyed by (model seed, update), so a restored learner computes the same
 * {@code P_l}. Memory: {@code Σ (in+1)²} floats of state, 2.5 MB for 784-100-100-10, checkpointed with the model.
 */
public record LayerwiseProximalReplay(double omega, int every, int sample) implements StageConfig {
    public static final String NAME = "lpr";
    public static final double DEFAULT_OMEGA = 1;
    public static final int DEFAULT_EVERY = 30;
    public static final int DEFAULT_SAMPLE = 2000;
    public static final String REFRESHED = "refreshed";
    private static final long DRAW_TAG = 0x4C5052L;

    public LayerwiseProximalReplay {
        SpecArguments.require(omega > 0 && Double.isFinite(omega), NAME, "omega", omega, "positive");
        SpecArguments.require(every >= 1, NAME, "every", every, "at least 1");
        SpecArguments.require(sample >= 1, NAME, "sample", sample, "at least 1");
    }

    public static LayerwiseProximalReplay from(Spec spec) {
        SpecArguments args = new SpecArguments(spec);
        LayerwiseProximalReplay lpr = new LayerwiseProximalReplay(args.number("omega", DEFAULT_OMEGA),
                args.integer("every", DEFAULT_EVERY), args.integer("sample", DEFAULT_SAMPLE));
        args.finish();
        return lpr;
    }

    /** Name of layer {@code l}'s preconditioner in the state. */
    public static String preconditioner(int l) {
        return "p" + l;
    }

    @Override
    public Spec spec() {
        return Spec.of(NAME).with("omega", omega).with("every", every).with("sample", sample);
    }

    @Override
    public Phase phase() {
        return Phase.GRADIENT_TRANSFORM;
    }

    @Override
    public boolean readsReplay() {
        return true;
    }

    @Override
    public StageState initialState(MlpConfig model) {
        StageState state = new StageState();
        ParameterLayout layout = ParameterLayout.of(model);
        for (int l = 0; l < layout.layers(); l++) {
            int side = layout.fanIn(l) + 1;
            state.putFloats(preconditioner(l), new float[side * side]);
        }
        return state;
    }

    @Override
    public void apply(StageState state, StepContext step) {
        long refreshed = state.counter(REFRESHED);
        if (refreshed == 0 || step.step() - refreshed >= every) {
            long key = StatelessRandom.key(step.model().seed(), DRAW_TAG, step.step());
            ProximalPreconditioners inputs = ProximalPreconditioners.draw(step.model(), step.parameters(),
                    step.signals().replay(), key, sample);
            if (inputs != null) {
                for (int l = 0; l < step.layout().layers(); l++) {
                    inputs.invert(l, omega, state.floats(preconditioner(l)));
                }
                state.setCounter(REFRESHED, step.step());
                refreshed = step.step();
            }
        }
        if (refreshed == 0) {
            return;
        }
        ParameterLayout layout = step.layout();
        for (int l = 0; l < layout.layers(); l++) {
            ProximalPreconditioners.precondition(state.floats(preconditioner(l)), step.gradient(),
                    layout.weightOffset(l), layout.fanIn(l) + 1, layout.fanOut(l));
        }
    }
}
