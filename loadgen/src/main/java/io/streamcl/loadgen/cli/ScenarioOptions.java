package io.streamcl.loadgen.cli;

import io.streamcl.loadgen.Check;
import io.streamcl.loadgen.ExampleStream;
import io.streamcl.loadgen.KeyMode;
import io.streamcl.loadgen.Scenario;
import io.streamcl.loadgen.StreamPlan;
import io.streamcl.loadgen.TaskData;
import io.streamcl.loadgen.images.FashionMnist;
import io.streamcl.loadgen.images.ImageDomain;
import io.streamcl.loadgen.images.ImageTasks;
import io.streamcl.loadgen.synthetic.BitFlippingRegression;
import io.streamcl.loadgen.synthetic.GaussianClusters;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** The options that choose a scenario, its parameters and the learner keys. */
final class ScenarioOptions {

    @Option(names = "--scenario", paramLabel = "NAME", defaultValue = "gaussian", converter = ScenarioKind.Converter.class,
            completionCandidates = ScenarioKind.Names.class,
            description = "Scenario: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; 'split' = class-incremental).")
    ScenarioKind kind;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--tasks", paramLabel = "N",
            description = "Number of tasks (gaussian 5, bit-flipping 100, permuted 10, rotated 20, label-permuted 10).")
    Integer tasks;

    @Option(names = "--examples-per-task", paramLabel = "N", defaultValue = "0",
            description = "Examples per task (bit-flipping: flip period). 0 = natural: one pass over a task's training"
                    + " images for Fashion-MNIST, 2000 for gaussian, 10000 for bit-flipping.")
    long examplesPerTask;

    @Option(names = "--eval-fraction", paramLabel = "P", defaultValue = "0.1",
            description = "Probability that an example is marked EVAL (held out; from the test images for Fashion-MNIST)"
                    + " (default: ${DEFAULT-VALUE}).")
    double evalFraction;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "1",
            description = "Play the task sequence N times: recurring tasks (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--drift-window", paramLabel = "N", defaultValue = "0",
            description = "Gradual drift: blend each task into the next over N examples around the boundary"
                    + " (default: ${DEFAULT-VALUE}, abrupt).")
    long driftWindow;

    @Option(names = "--keys", split = ",", paramLabel = "KEY",
            description = "Learner keys, comma-separated (default: learner-0).")
    List<String> keys;

    @Option(names = "--key-count", paramLabel = "N",
            description = "Use N keys learner-0 .. learner-(N-1) instead of --keys.")
    Integer keyCount;

    @Option(names = "--key-mode", paramLabel = "MODE", defaultValue = "replicated",
            description = "replicated: every key gets the identical stream (compare learner configurations);"
                    + " independent: one stream per key with its own seed (default: ${DEFAULT-VALUE}).")
    String keyMode;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Fashion-MNIST IDX files (default: $FASHION_MNIST_DIR or " + "/usr/share/datasets/fashion-mnist).")
    Path dataDir;

    @Option(names = "--dense", description = "Send Fashion-MNIST pixels as 32-bit floats instead of 8-bit (4x larger).")
    boolean dense;

    @Option(names = "--classes-per-task", paramLabel = "K",
            description = "class-/task-incremental: classes per task (default: 2).")
    Integer classesPerTask;

    @Option(names = "--class-order", split = ",", paramLabel = "C",
            description = "class-/task-incremental: classes in task order, e.g. 9,8,7,6,5,4,3,2,1,0 (default: 0..9).")
    int[] classOrder;

    @Option(names = "--angles", split = ",", paramLabel = "DEG",
            description = "rotated: one angle per task in degrees (default: --tasks angles evenly over [0, 180)).")
    double[] angles;

    @Option(names = "--domains", split = ",", paramLabel = "D", converter = Converters.Domain.class,
            description = "domain-incremental: one domain per task from original, inverted, upside-down, transposed,"
                    + " blurred, low-contrast (default: all six).")
    List<ImageDomain> domains;

    @Option(names = "--classes", paramLabel = "N", description = "gaussian: number of classes (default: 10, the training job's model.classes).")
    Integer classes;

    @Option(names = "--features", paramLabel = "N", description = "gaussian: input dimension (default: 784, the training job's model.inputs).")
    Integer features;

    @Option(names = "--separation", paramLabel = "S",
            description = "gaussian: expected distance between class means in noise std units (default: 4).")
    Double separation;

    @Option(names = "--mean-shift", paramLabel = "S",
            description = "gaussian: how far means move at a boundary, 0 (none) .. 1 (fresh means, default).")
    Double meanShift;

    @Option(names = "--flip-one", description = "bit-flipping: flip exactly one slow bit per period (Dohare's flip_one).")
    boolean flipOne;

    /** The scenario the options describe. */
    Scenario scenario() {
        checkApplicable();
        StreamPlan plan = new StreamPlan(seed, examplesPerTask, repeats, driftWindow, evalFraction);
        return Scenario.of(data(), plan);
    }

    /** The examples of {@code scenario} for the chosen keys, stamped by {@code clock}. */
    ExampleStream examples(Scenario scenario, Clock clock) {
        return ExampleStream.of(keys(), mode(), scenario, clock);
    }

    private TaskData data() {
        return switch (kind) {
            case GAUSSIAN -> gaussian();
            case BIT_FLIPPING -> BitFlippingRegression.defaults().withTasks(orDefault(tasks, 100)).withFlipOne(flipOne);
            case CLASS_INCREMENTAL -> maybeDense(ImageTasks.classIncremental(fashion(), orDefault(classesPerTask, 2), order()));
            case TASK_INCREMENTAL -> maybeDense(ImageTasks.taskIncremental(fashion(), orDefault(classesPerTask, 2), order()));
            case DOMAIN_INCREMENTAL -> maybeDense(ImageTasks.domainIncremental(fashion(),
                    domains == null ? List.of(ImageDomain.values()) : domains));
            case PERMUTED -> maybeDense(ImageTasks.permuted(fashion(), orDefault(tasks, 10)));
            case ROTATED -> maybeDense(angles != null ? ImageTasks.rotated(fashion(), angles)
                    : ImageTasks.rotated(fashion(), orDefault(tasks, 20)));
            case LABEL_PERMUTED -> maybeDense(ImageTasks.labelPermuted(fashion(), orDefault(tasks, 10)));
        };
    }

    private GaussianClusters gaussian() {
        GaussianClusters d = GaussianClusters.defaults();
        return new GaussianClusters(orDefault(classes, JobDefaults.CLASSES), orDefault(features, JobDefaults.INPUTS),
                orDefault(tasks, d.tasks()), separation == null ? d.separation() : separation,
                meanShift == null ? d.meanShift() : meanShift);
    }

    private FashionMnist fashion() {
        return FashionMnist.load(dataDir == null ? FashionMnist.defaultDir() : dataDir);
    }

    private ImageTasks maybeDense(ImageTasks tasks) {
        return dense ? tasks.dense() : tasks;
    }

    private int[] order() {
        return classOrder == null ? ImageTasks.naturalClassOrder() : classOrder;
    }

    List<String> keys() {
        if (keyCount != null && keys != null) {
            throw new IllegalArgumentException("--keys and --key-count exclude each other, got both");
        }
        if (keyCount != null) {
            Check.atLeast("key-count", keyCount, 1);
            List<String> generated = new ArrayList<>();
            for (int i = 0; i < keyCount; i++) {
                generated.add("learner-" + i);
            }
            return generated;
        }
        return keys == null ? List.of("learner-0") : keys;
    }

    private KeyMode mode() {
        return switch (keyMode.toLowerCase(java.util.Locale.ROOT)) {
            case "replicated" -> KeyMode.REPLICATED;
            case "independent" -> KeyMode.INDEPENDENT;
            default -> throw new IllegalArgumentException("key-mode must be replicated or independent, was " + keyMode);
        };
    }

    /** Rejects options that the chosen scenario would silently ignore. */
    private void checkApplicable() {
        Set<ScenarioKind> images = EnumSet.range(ScenarioKind.CLASS_INCREMENTAL, ScenarioKind.LABEL_PERMUTED);
        Set<ScenarioKind> split = EnumSet.of(ScenarioKind.CLASS_INCREMENTAL, ScenarioKind.TASK_INCREMENTAL);
        applies("--tasks", tasks, EnumSet.complementOf(EnumSet.of(ScenarioKind.CLASS_INCREMENTAL,
                ScenarioKind.TASK_INCREMENTAL, ScenarioKind.DOMAIN_INCREMENTAL)));
        applies("--data-dir", dataDir, images);
        applies("--dense", dense ? true : null, images);
        applies("--classes-per-task", classesPerTask, split);
        applies("--class-order", classOrder, split);
        applies("--angles", angles, EnumSet.of(ScenarioKind.ROTATED));
        applies("--domains", domains, EnumSet.of(ScenarioKind.DOMAIN_INCREMENTAL));
        Set<ScenarioKind> gaussian = EnumSet.of(ScenarioKind.GAUSSIAN);
        applies("--classes", classes, gaussian);
        applies("--features", features, gaussian);
        applies("--separation", separation, gaussian);
        applies("--mean-shift", meanShift, gaussian);
        applies("--flip-one", flipOne ? true : null, EnumSet.of(ScenarioKind.BIT_FLIPPING));
        if (angles != null && tasks != null) {
            throw new IllegalArgumentException("--angles and --tasks exclude each other: the angles give the tasks ("
                    + Arrays.toString(angles) + ")");
        }
    }

    private void applies(String option, Object value, Set<ScenarioKind> kinds) {
        if (value != null && !kinds.contains(kind)) {
            throw new IllegalArgumentException(option + " does not apply to --scenario " + kind.cliName
                    + "; it is for " + kinds.stream().map(k -> k.cliName).toList());
        }
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
