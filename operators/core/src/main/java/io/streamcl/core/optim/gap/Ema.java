package io.streamcl.core.optim.gap;

import io.streamcl.core.optim.ShadowWeights;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StepContext;
import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;

/**
 * EMA shadow weights, a temporal ensemble (Soutif-Cormerais, Carta and van de Weijer, "Improving Online Continual
 * Learning Performance and Stability with Temporal Ensembles", CoLLAs 2023; {@code AlbinSou/online_ema}, {@code
 * mean_evaluation.py}; {@code docs/optimizers.md}): after every update {@code θ_EMA ← ρ θ_EMA + (1 - ρ) θ}, starting from
 * θ_0, used only to evaluate and predict while training continues on θ. The momentum of an update is
 *
 * <pre>
 *   ρ = start for the first `ramp` updates, then momentum        (the reference's step_rampup, 0.9 → 0.99)
 *   ρ = max(ρ, anchor_momentum) for `anchor_steps` updates after a task boundary      (anchor, 0 = off)
 *   ρ ← ρ^(rows / batch_ref)                        (batch-size scaling, Busbridge et al.; batch_ref = 0: off)
 * </pre>
 *
 * Spec {@code ema(momentum=0.99,start=0.9,ramp=100,batch_ref=0,anchor_steps=0,anchor_momentum=0.999)}; state
 * {@code shadow} (the EMA weights) and counter {@code updates}.
 *
 * <p>Why the anchor: the stability gap is a dip of old-task accuracy over the first tens to hundreds of updates
 * after a boundary, while the raw weights chase the new task's large early gradients. A slower average over that
 * window keeps the shadow near the pre-boundary consensus until the raw weights have recovered, then the normal
 * momentum lets it follow the new task (a design choice, not from the paper). The reference's ramp length is one
 * task's iterations, unknown in a stream, hence an explicit {@code ramp}; its copying of BatchNorm statistics has
 * no counterpart in an MLP without BatchNorm ({@code docs/optimizers.md}).
 */
public record Ema(double momentum, double start, int ramp, int batchRef, int anchorSteps, double anchorMomentum)
        implements ShadowWeights {
    public static final String NAME = "ema";
    public static final double DEFAULT_MOMENTUM = 0.99;
    public static final double DEFAULT_START = 0.9;
    public static final int DEFAULT_RAMP = 100;
    public static final int DEFAULT_BATCH_REF = 0;
    public static final int DEFAULT_ANCHOR_STEPS = 0;
    public static final double DEFAULT_ANCHOR_MOMENTUM = 0.999;
    public static final String UPDATES = "updates";

    public Ema {
        SpecArguments.require(momentum >= 0 && momentum < 1, NAME, "momentum", momentum, "in [0, 1)");
        SpecArguments.require(start >= 0 && start < 1, NAME, "start", start, "in [0, 1)");
        SpecArguments.require(ramp >= 0, NAME, "ramp", ramp, "non-negative");
        SpecArguments.require(batchRef >= 0, NAME, "batch_ref", batchRef, "non-negative (0 turns scaling off)");
        SpecArguments.require(anchorSteps >= 0, NAME, "anchor_steps", anchorSteps, "non-negative (0 turns it off)");
        SpecArguments.require(anchorMomentum >= 0 && anchorMomentum < 1, NAME, "anchor_momentum", anchorMomentum,
                "in [0, 1)");
    }

    public static Ema from(Spec spec) {
        SpecArguments args = new SpecArguments(spec);
        Ema ema = new Ema(args.number("momentum", DEFAULT_MOMENTUM), args.number("start", DEFAULT_START),
                args.integer("ramp", DEFAULT_RAMP), args.integer("batch_ref", DEFAULT_BATCH_REF),
                args.integer("anchor_steps", DEFAULT_ANCHOR_STEPS),
                args.number("anchor_momentum", DEFAULT_ANCHOR_MOMENTUM));
        args.finish();
        return ema;
    }

    @Override
    public Spec spec() {
        return Spec.of(NAME).with("momentum", momentum).with("start", start).with("ramp", ramp)
                .with("batch_ref", batchRef).with("anchor_steps", anchorSteps).with("anchor_momentum", anchorMomentum);
    }

    @Override
    public void apply(StageState state, StepContext step) {
        long n = state.increment(UPDATES);
        blend(state.floats(SHADOW), step.parameters(), momentum(n, step.rows(), step.signals().within(anchorSteps)));
    }

    /** {@code shadow ← ρ shadow + (1 - ρ) raw}, in float as the parameters are. */
    static void blend(float[] shadow, float[] raw, double rho) {
        float keep = (float) rho;
        float rest = 1 - keep;
        for (int i = 0; i < raw.length; i++) {
            shadow[i] = keep * shadow[i] + rest * raw[i];
        }
    }

    /** The momentum of the {@code n}-th update (1-based) on a batch of {@code rows}, {@code anchored} after a boundary. */
    public double momentum(long n, int rows, boolean anchored) {
        double rho = n <= ramp ? start : momentum;
        if (anchored) {
            rho = Math.max(rho, anchorMomentum);
        }
        return batchRef == 0 ? rho : Math.pow(rho, (double) rows / batchRef);
    }
}
