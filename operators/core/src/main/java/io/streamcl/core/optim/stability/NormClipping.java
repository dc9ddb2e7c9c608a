package io.streamcl.core.optim.stability;

import io.streamcl.core.optim.ParameterTensors;
import io.streamcl.core.optim.Phase;
import io.streamcl.core.optim.StageConfig;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StepContext;
import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;

/**
 * Gradient-norm clipping ({@code docs/optimizers.md}), global ({@code clip_global}: {@code g ← g · min(1, c / ‖g‖)} over all
 * parameters) or component-wise ({@code clip_tensor}: the same for every parameter tensor on its own, Yang and Ma,
 * "Improving Stability of Fine-Tuning Pretrained Language Models via Component-Wise Gradient Norm Clipping", EMNLP
 * 2022, {@code GradClipTrainer.py}). Both in PyTorch's {@code clip_grad_norm_} form, factor {@code c / (‖g‖ +
 * 1e-6)} applied when below 1, which the reference calls per tensor. Spec {@code clip_global(max_norm=1)}; no
 * state. The threshold must not be tiny against typical norms: clipped SGD then need not converge.
 */
public record NormClipping(double maxNorm, boolean perTensor) implements StageConfig {
    public static final String NAME_GLOBAL = "clip_global";
    public static final String NAME_TENSOR = "clip_tensor";
    /** The typical threshold of the clipping literature. */
    public static final double DEFAULT_MAX_NORM = 1.0;
    /** PyTorch's guard in {@code clip_grad_norm_}. */
    static final double EPS = 1e-6;

    public NormClipping {
        SpecArguments.require(maxNorm > 0 && Double.isFinite(maxNorm), perTensor ? NAME_TENSOR : NAME_GLOBAL,
                "max_norm", maxNorm, "positive and finite");
    }

    public static NormClipping from(Spec spec, boolean perTensor) {
        SpecArguments args = new SpecArguments(spec);
        NormClipping clip = new NormClipping(args.number("max_norm", DEFAULT_MAX_NORM), perTensor);
        args.finish();
        return clip;
    }

    @Override
    public Spec spec() {
        return Spec.of(perTensor ? NAME_TENSOR : NAME_GLOBAL).with("max_norm", maxNorm);
    }

    @Override
    public Phase phase() {
        return Phase.GRADIENT_TRANSFORM;
    }

    @Override
    public void apply(StageState state, StepContext step) {
        float[] g = step.gradient();
        if (!perTensor) {
            clip(g, ParameterTensors.norm(g), maxNorm);
            return;
        }
        ParameterTensors tensors = ParameterTensors.of(step.layout());
        for (int k = 0; k < tensors.count(); k++) {
            double factor = factor(tensors.norm(g, k), maxNorm);
            if (factor < 1) {
                tensors.scale(g, k, factor);
            }
        }
    }

    /** Scales all of {@code g}, whose norm is {@code norm}, to at most {@code max}. */
    static void clip(float[] g, double norm, double max) {
        double factor = factor(norm, max);
        if (factor < 1) {
            float f = (float) factor;
            for (int i = 0; i < g.length; i++) {
                g[i] *= f;
            }
        }
    }

    /** PyTorch's clip coefficient {@code max / (norm + 1e-6)}. */
    static double factor(double norm, double max) {
        return max / (norm + EPS);
    }
}
