package io.streamcl.core.replay;

import io.streamcl.core.optim.StageConfig;
import io.streamcl.core.optim.StepSignals;
import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;

/**
 * Immutable settings of experience replay ({@code docs/optimizers.md}) in the stage vocabulary's syntax: which buffer, its
 * memory budget in examples and in bytes, how many replay rows join each update's batch, the new-data loss weight,
 * and the boundary policy that raises the replay weight for a while after each task boundary.
 *
 * <pre>
 *   none
 *   reservoir(capacity=2000,max_bytes=67108864,batch=32,new_weight=0.5,boundary_weight=0.2,boundary_steps=0)
 *   class_balanced(...)                                         same parameters; new_weight may be 1/t
 * </pre>
 *
 * {@code batch=0} keeps the memory only for A-GEM's reference batches. Why the boundary policy: right after a
 * boundary the new task's loss and gradients dwarf the replay term, which is when old tasks lose accuracy (the
 * stability gap); lowering the new-data weight to {@code boundary_weight} (never raising it) for {@code
 * boundary_steps} updates lets replay hold the old tasks through that window and costs nothing afterwards.
 */
public record ReplayConfig(Kind kind, int capacity, int maxBytes, int batch, NewDataWeight newWeight,
        double boundaryWeight, int boundarySteps) {
    /** The memory of the MNIST benchmarks of De Lange et al. */
    public static final int DEFAULT_CAPACITY = 2000;
    public static final int DEFAULT_MAX_BYTES = 64 << 20;
    /** The learner's default batch: replay as many rows as new ones. */
    public static final int DEFAULT_BATCH = 32;
    /** De Lange et al.'s Mini-ImageNet weight, the middle of their range. */
    public static final double DEFAULT_NEW_WEIGHT = 0.5;
    public static final double DEFAULT_BOUNDARY_WEIGHT = 0.2;
    public static final int DEFAULT_BOUNDARY_STEPS = 0;
    /** No replay. */
    public static final ReplayConfig NONE = new ReplayConfig(Kind.NONE, 1, DEFAULT_MAX_BYTES, 0,
            new NewDataWeight(1), 1, 0);

    /** Which examples the memory keeps. */
    public enum Kind {
        NONE("none"),
        /** A uniform sample of everything trained on (Vitter's algorithm R). */
        RESERVOIR("reservoir"),
        /** Equal shares per class, in a stream (Chrysakis and Moens' class-balancing reservoir sampling). */
        CLASS_BALANCED("class_balanced");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public ReplayConfig {
        String name = kind == null ? "replay" : kind.toString();
        if (kind == null || newWeight == null) {
            throw new IllegalArgumentException("replay kind and new-data weight must be set");
        }
        SpecArguments.require(capacity >= 1, name, "capacity", capacity, "at least 1");
        SpecArguments.require(maxBytes >= 1, name, "max_bytes", maxBytes, "at least 1");
        SpecArguments.require(batch >= 0, name, "batch", batch, "non-negative (0: memory for agem only)");
        SpecArguments.require(boundaryWeight >= 0 && boundaryWeight <= 1, name, "boundary_weight", boundaryWeight,
                "in [0, 1]");
        SpecArguments.require(boundarySteps >= 0, name, "boundary_steps", boundarySteps, "non-negative");
    }

    /** Parses {@code none} or {@code reservoir(...)} / {@code class_balanced(...)}; errors name the key and value. */
    public static ReplayConfig parse(String text) {
        Spec spec = Spec.parse(text, StageConfig.KIND);
        SpecArguments args = new SpecArguments(spec);
        Kind kind = null;
        for (Kind k : Kind.values()) {
            kind = k.toString().equals(spec.name()) ? k : kind;
        }
        if (kind == null) {
            throw new IllegalArgumentException("unknown replay '" + spec.name()
                    + "' (known: none, reservoir, class_balanced)");
        }
        if (kind == Kind.NONE) {
            args.finish();
            return NONE;
        }
        String weight = args.text("new_weight", Spec.number(DEFAULT_NEW_WEIGHT));
        NewDataWeight newWeight;
        try {
            newWeight = weight.equals(NewDataWeight.INVERSE_TASKS_TEXT) ? NewDataWeight.INVERSE_TASKS
                    : new NewDataWeight(Double.parseDouble(weight));
        } catch (IllegalArgumentException e) {
            throw args.invalid("new_weight", "a number in [0, 1] or 1/t");
        }
        ReplayConfig config = new ReplayConfig(kind, args.integer("capacity", DEFAULT_CAPACITY),
                args.integer("max_bytes", DEFAULT_MAX_BYTES), args.integer("batch", DEFAULT_BATCH), newWeight,
                args.number("boundary_weight", DEFAULT_BOUNDARY_WEIGHT),
                args.integer("boundary_steps", DEFAULT_BOUNDARY_STEPS));
        args.finish();
        return config;
    }

    public boolean enabled() {
        return kind != Kind.NONE;
    }

    /** The new-data weight of an update on the {@code task}-th task (1-based) with the learner's {@code signals}. */
    public double newDataWeight(int task, StepSignals signals) {
        double w = newWeight.at(task);
        return signals.within(boundarySteps) ? Math.min(w, boundaryWeight) : w;
    }

    /** Examples the buffer holds for {@code inputs} features and {@code classes} classes: the smaller budget. */
    public int capacityFor(int inputs, int classes) {
        long fixed = ReplayBuffer.fixedBytes(kind, classes);
        long perExample = ReplayBuffer.bytesPerExample(inputs);
        long fitting = (maxBytes - fixed) / perExample;
        if (fitting < 1) {
            throw new IllegalArgumentException(kind + ".max_bytes=" + maxBytes + " holds no example of "
                    + perExample + " bytes (" + inputs + " features) after " + fixed + " bytes of bookkeeping");
        }
        return (int) Math.min(capacity, fitting);
    }

    /** A fresh, empty buffer for a classifier of {@code inputs} features and {@code classes} classes. */
    public ReplayBuffer create(int inputs, int classes, long seed) {
        return switch (kind) {
            case RESERVOIR -> new ReservoirBuffer(capacityFor(inputs, classes), inputs, seed);
            case CLASS_BALANCED -> new ClassBalancedBuffer(capacityFor(inputs, classes), inputs, classes, seed);
            case NONE -> throw new IllegalStateException("replay is off");
        };
    }

    /** Canonical text, every parameter included; {@code none} when off. */
    public String canonical() {
        if (!enabled()) {
            return Kind.NONE.toString();
        }
        return Spec.of(kind.toString()).with("capacity", capacity).with("max_bytes", maxBytes)
                .with("batch", batch).with("new_weight", newWeight).with("boundary_weight", boundaryWeight)
                .with("boundary_steps", boundarySteps).toString();
    }

    @Override
    public String toString() {
        return canonical();
    }
}
