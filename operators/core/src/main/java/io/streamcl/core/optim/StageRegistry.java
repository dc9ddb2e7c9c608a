package io.streamcl.core.optim;

import io.streamcl.core.optim.base.Adam;
import io.streamcl.core.optim.base.Sgd;
import io.streamcl.core.optim.gap.AGem;
import io.streamcl.core.optim.gap.BoundaryLearningRate;
import io.streamcl.core.optim.gap.BoundaryMoments;
import io.streamcl.core.optim.gap.Ema;
import io.streamcl.core.optim.gap.HareTortoise;
import io.streamcl.core.optim.gap.LayerwiseProximalReplay;
import io.streamcl.core.optim.plasticity.ContinualBackprop;
import io.streamcl.core.optim.plasticity.L2Regularization;
import io.streamcl.core.optim.plasticity.NormalizeAndProject;
import io.streamcl.core.optim.plasticity.Redo;
import io.streamcl.core.optim.plasticity.SelfNormalizedResets;
import io.streamcl.core.optim.plasticity.ShrinkAndPerturb;
import io.streamcl.core.optim.plasticity.SpectralRegularization;
import io.streamcl.core.optim.plasticity.Upgd;
import io.streamcl.core.optim.plasticity.WeightClipping;
import io.streamcl.core.optim.stability.AdaGc;
import io.streamcl.core.optim.stability.CautiousMask;
import io.streamcl.core.optim.stability.CautiousWeightDecay;
import io.streamcl.core.optim.stability.GrowthLimiter;
import io.streamcl.core.optim.stability.NormClipping;
import io.streamcl.core.optim.stability.Spam;
import io.streamcl.core.optim.stability.StableSpam;
import io.streamcl.core.spec.Spec;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** The vocabulary of stage names, each mapped to the factory that turns a {@link Spec} into its config. */
public final class StageRegistry {
    private static final StageRegistry STANDARD = new StageRegistry(Map.ofEntries(
            Map.entry(Sgd.NAME, Sgd::from),
            Map.entry(Adam.NAME, spec -> Adam.from(spec, false)),
            Map.entry(Adam.NAME_W, spec -> Adam.from(spec, true)),
            Map.entry(L2Regularization.NAME, spec -> L2Regularization.from(spec, false)),
            Map.entry(L2Regularization.NAME_INIT, spec -> L2Regularization.from(spec, true)),
            Map.entry(Upgd.NAME, Upgd::from),
            Map.entry(SpectralRegularization.NAME, SpectralRegularization::from),
            Map.entry(ContinualBackprop.NAME, ContinualBackprop::from),
            Map.entry(Redo.NAME, Redo::from),
            Map.entry(ShrinkAndPerturb.NAME, ShrinkAndPerturb::from),
            Map.entry(NormalizeAndProject.NAME, NormalizeAndProject::from),
            Map.entry(WeightClipping.NAME, WeightClipping::from),
            Map.entry(SelfNormalizedResets.NAME, SelfNormalizedResets::from),
            Map.entry(NormClipping.NAME_GLOBAL, spec -> NormClipping.from(spec, false)),
            Map.entry(NormClipping.NAME_TENSOR, spec -> NormClipping.from(spec, true)),
            Map.entry(AdaGc.NAME, AdaGc::from),
            Map.entry(Spam.NAME, Spam::from),
            Map.entry(StableSpam.NAME, StableSpam::from),
            Map.entry(GrowthLimiter.NAME, GrowthLimiter::from),
            Map.entry(CautiousMask.NAME, CautiousMask::from),
            Map.entry(CautiousWeightDecay.NAME, CautiousWeightDecay::from),
            Map.entry(AGem.NAME, AGem::from),
            Map.entry(LayerwiseProximalReplay.NAME, LayerwiseProximalReplay::from),
            Map.entry(Ema.NAME, Ema::from),
            Map.entry(HareTortoise.NAME, HareTortoise::from),
            Map.entry(BoundaryMoments.NAME, BoundaryMoments::from),
            Map.entry(BoundaryLearningRate.NAME, BoundaryLearningRate::from)));

    private final Map<String, Function<Spec, StageConfig>> factories;

    private StageRegistry(Map<String, Function<Spec, StageConfig>> factories) {
        this.factories = Collections.unmodifiableMap(new TreeMap<>(factories));
    }

    /** Every stage this module provides. */
    public static StageRegistry standard() {
        return STANDARD;
    }

    /** This registry plus one more stage name. */
    public StageRegistry with(String name, Function<Spec, StageConfig> factory) {
        if (factories.containsKey(name)) {
            throw new IllegalArgumentException("stage name '" + name + "' is already registered");
        }
        Map<String, Function<Spec, StageConfig>> copy = new TreeMap<>(factories);
        copy.put(name, factory);
        return new StageRegistry(copy);
    }

    /** The config of {@code spec}; errors name an unknown stage, or the bad key and value. */
    public StageConfig create(Spec spec) {
        Function<Spec, StageConfig> factory = factories.get(spec.name());
        if (factory == null) {
            throw new IllegalArgumentException(
                    "unknown stage '" + spec.name() + "' (known: " + String.join(", ", factories.keySet()) + ")");
        }
        return factory.apply(spec);
    }

    /** The registered stage names, sorted. */
    public Set<String> names() {
        return factories.keySet();
    }
}
