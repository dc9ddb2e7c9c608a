package io.streamcl.loadgen.synthetic;

import io.streamcl.loadgen.Check;
import io.streamcl.loadgen.FeatureVector;
import io.streamcl.loadgen.Randomness;
import io.streamcl.loadgen.Sample;
import io.streamcl.loadgen.TaskData;
import io.streamcl.loadgen.TaskSampler;
import java.util.SplittableRandom;

/**
 * Synthetic classification in which every class is a unit-variance Gaussian cluster whose mean moves at each task
 * boundary, so a learner that follows the new task loses accuracy on the old ones (domain-incremental: the label
 * set stays the same).
 *
 * @param classes number of classes (clusters per task)
 * @param features dimension of the input
 * @param tasks number of tasks
 * @param separation expected distance between two class means, in units of the noise standard deviation
 * @param meanShift how far the means move at a boundary: 0 keeps them, 1 draws them afresh (the default); values
 *     between mix old and fresh means as {@code sqrt(1 - s^2) * old + s * fresh}, which keeps their spread constant
 */
public record GaussianClusters(int classes, int features, int tasks, double separation, double meanShift)
        implements TaskData {

    /** Examples per task when the plan does not say. */
    public static final long DEFAULT_TASK_LENGTH = 2_000;

    public GaussianClusters {
        Check.atLeast("classes", classes, 2);
        Check.atLeast("features", features, 1);
        Check.atLeast("tasks", tasks, 1);
        Check.positive("separation", separation);
        Check.between("mean-shift", meanShift, 0.0, 1.0);
    }

    /** 5 classes in 20 dimensions, 5 tasks, separation 4, means drawn afresh per task. */
    public static GaussianClusters defaults() {
        return new GaussianClusters(5, 20, 5, 4.0, 1.0);
    }

    public GaussianClusters withClasses(int classes) {
        return new GaussianClusters(classes, features, tasks, separation, meanShift);
    }

    public GaussianClusters withFeatures(int features) {
        return new GaussianClusters(classes, features, tasks, separation, meanShift);
    }

    public GaussianClusters withTasks(int tasks) {
        return new GaussianClusters(classes, features, tasks, separation, meanShift);
    }

    public GaussianClusters withSeparation(double separation) {
        return new GaussianClusters(classes, features, tasks, separation, meanShift);
    }

    public GaussianClusters withMeanShift(double meanShift) {
        return new GaussianClusters(classes, features, tasks, separation, meanShift);
    }

    @Override
    public String describe() {
        return "gaussian-clusters(classes=" + classes + ", features=" + features + ", tasks=" + tasks
                + ", separation=" + separation + ", mean-shift=" + meanShift + ")";
    }

    @Override
    public int featureCount() {
        return features;
    }

    @Override
    public int classCount() {
        return classes;
    }

    @Override
    public int taskCount() {
        return tasks;
    }

    @Override
    public long naturalTaskLength() {
        return DEFAULT_TASK_LENGTH;
    }

    @Override
    public TaskSampler sampler(long seed) {
        double[][][] means = means(seed);
        SplittableRandom random = Randomness.random(seed, "gaussian-draws");
        return (task, split) -> {
            int label = random.nextInt(classes);
            double[] mean = means[task][label];
            float[] x = new float[features];
            for (int i = 0; i < features; i++) {
                x[i] = (float) (mean[i] + Randomness.gaussian(random));
            }
            return Sample.classified(task, split, new FeatureVector.Dense(x), label);
        };
    }

    /** Class means per task, [task][class][feature]; a per-coordinate spread of separation / sqrt(2 d) gives E|m_a - m_b| ~ separation. */
    double[][][] means(long seed) {
        SplittableRandom random = Randomness.random(seed, "gaussian-means");
        double spread = separation / Math.sqrt(2.0 * features);
        double keep = Math.sqrt(1.0 - meanShift * meanShift);
        double[][][] means = new double[tasks][classes][features];
        for (int t = 0; t < tasks; t++) {
            for (int c = 0; c < classes; c++) {
                for (int i = 0; i < features; i++) {
                    double fresh = spread * Randomness.gaussian(random);
                    means[t][c][i] = t == 0 ? fresh : keep * means[t - 1][c][i] + meanShift * fresh;
                }
            }
        }
        return means;
    }
}
