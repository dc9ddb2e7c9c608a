package io.streamcl.core.optim;

import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.spec.Spec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An immutable, ordered list of update stages with exactly one base step: stages run phase by phase ({@link
 * Phase}), in declared order within a phase. Its canonical text (the full specs joined by {@code +}) is stable
 * and parses back to an equal config.
 */
public record OptimizerConfig(List<StageConfig> stages) {

    public OptimizerConfig {
        if (stages == null || stages.isEmpty()) {
            throw new IllegalArgumentException("optimizer needs at least a base step, e.g. sgd(lr=0.01)");
        }
        List<StageConfig> sorted = new ArrayList<>(stages);
        sorted.sort(Comparator.comparing(StageConfig::phase));
        long bases = sorted.stream().filter(s -> s.phase() == Phase.BASE_STEP).count();
        if (bases != 1 || !sorted.stream().allMatch(s -> s.phase() != Phase.BASE_STEP || s instanceof BaseStep)) {
            throw new IllegalArgumentException(
                    "optimizer needs exactly one base step (sgd, adam, adamw), got " + bases + ": " + text(sorted));
        }
        stages = List.copyOf(sorted);
    }

    /** The config of these stages, in this order within each phase. */
    public static OptimizerConfig of(StageConfig... stages) {
        return new OptimizerConfig(List.of(stages));
    }

    /** Parses {@code spec+spec+...} with the standard vocabulary. */
    public static OptimizerConfig parse(String text) {
        return parse(text, StageRegistry.standard());
    }

    /** Parses {@code spec+spec+...} with {@code registry}'s vocabulary. */
    public static OptimizerConfig parse(String text, StageRegistry registry) {
        return new OptimizerConfig(Spec.parseAll(text, StageConfig.KIND).stream().map(registry::create).toList());
    }

    /** The one base step. */
    public BaseStep base() {
        return (BaseStep) stages.stream().filter(s -> s.phase() == Phase.BASE_STEP).findFirst().orElseThrow();
    }

    /** Rows of the replay batch behind the reference gradient some stage reads (A-GEM), 0 when none does. */
    public int referenceRows() {
        return stages.stream().mapToInt(StageConfig::referenceRows).max().orElse(0);
    }

    /** Whether some stage reads the replay memory ({@link StageConfig#readsReplay}). */
    public boolean readsReplay() {
        return stages.stream().anyMatch(StageConfig::readsReplay);
    }

    /** Fails unless every stage can act on {@code model}. */
    public void validateFor(MlpConfig model) {
        stages.forEach(s -> s.validateFor(model));
    }

    /** Canonical text, e.g. {@code l2(lambda=0.01)+sgd(lr=0.01,momentum=0,wd=0)}. */
    public String canonical() {
        return text(stages);
    }

    private static String text(List<StageConfig> stages) {
        return stages.stream().map(s -> s.spec().toString()).collect(Collectors.joining("+"));
    }

    @Override
    public String toString() {
        return canonical();
    }
}
