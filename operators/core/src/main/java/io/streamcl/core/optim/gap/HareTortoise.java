package io.streamcl.core.optim.gap;

import io.streamcl.core.optim.ShadowWeights;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StepContext;
import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;

/**
 * Hare and Tortoise networks (Lee, Cho, Kim, Kim, Min, Choo and Lyle, "Slow and Steady Wins the Race: Maintaining
 * Plasticity with Hare and Tortoise Networks", ICML 2024): the trained parameters are the fast "hare"; a slow
 * "tortoise" follows them as an exponential moving average, and every {@code every} updates the hare is reset to
 * the tortoise, so the hare keeps learning fast from a point that holds the consolidated knowledge:
 *
 * <pre>
 *   θ_T ← m θ_T + (1 - m) θ_H                  after every update, θ_T starting at θ_0
 *   θ_H ← θ_T                                  every `every` updates
 * </pre>
 *
 * The tortoise is this stage's shadow weights, so the learner evaluates and predicts with it (as the paper
 * predicts with the tortoise). Spec {@code hare_tortoise(momentum=0.999,every=1000)}; state {@code shadow} (the
 * tortoise) and counter {@code resets}.
 *
 * <p>Decisions where the paper leaves room for a stream: the reset period is counted in updates, not epochs
 * (a stream has none); momentum 0.999 and 1,000 updates are a slow tortoise with a horizon of 1,000 updates and a
 * reset once per horizon [paper values unverified: no reference code was at hand]. The optimizer state is kept at
 * a reset: the hare restarts from a point close to its own trajectory, where its moments still point the right
 * way; a fresh optimizer is available separately ({@code boundary_moments}).
 */
public record HareTortoise(double momentum, int every) implements ShadowWeights {
    public static final String NAME = "hare_tortoise";
    public static final double DEFAULT_MOMENTUM = 0.999;
    public static final int DEFAULT_EVERY = 1000;
    public static final String RESETS = "resets";

    public HareTortoise {
        SpecArguments.require(momentum >= 0 && momentum < 1, NAME, "momentum", momentum, "in [0, 1)");
        SpecArguments.require(every >= 1, NAME, "every", every, "a positive integer");
    }

    public static HareTortoise from(Spec spec) {
        SpecArguments args = new SpecArguments(spec);
        HareTortoise stage = new HareTortoise(args.number("momentum", DEFAULT_MOMENTUM),
                args.integer("every", DEFAULT_EVERY));
        args.finish();
        return stage;
    }

    @Override
    public Spec spec() {
        return Spec.of(NAME).with("momentum", momentum).with("every", every);
    }

    @Override
    public void apply(StageState state, StepContext step) {
        float[] hare = step.parameters();
        float[] tortoise = state.floats(SHADOW);
        Ema.blend(tortoise, hare, momentum);
        if (step.step() % every == 0) {
            System.arraycopy(tortoise, 0, hare, 0, hare.length);
            state.increment(RESETS);
        }
    }
}
