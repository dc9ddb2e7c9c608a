package io.streamcl.jobs;

import io.streamcl.loadgen.Scenario;
import io.streamcl.loadgen.StreamPlan;
import io.streamcl.loadgen.synthetic.GaussianClusters;

/**
 * The integration tests' stream and learner: two tasks of Gaussian clusters (4 classes, 16 features, 3,000 examples
 * each, 10 % held out), whose class means move at the boundary so that a small MLP forgets task 0 and keeps it
 * forgotten.
 */
public final class TwoGaussianTasks {
    private TwoGaussianTasks() {}

    public static Scenario scenario() {
        return Scenario.of(GaussianClusters.defaults().withClasses(4).withFeatures(16).withTasks(2),
                StreamPlan.defaults().withSeed(7).withExamplesPerTask(3_000).withEvalFraction(0.1));
    }

    /** Training-job arguments for the whole stream on {@code bootstrap}, evaluating every {@code evalEvery} updates. */
    public static String[] trainingJob(String bootstrap, int evalEvery) {
        return new String[] {"--bootstrap-servers", bootstrap, "--from", "earliest", "--bounded",
            "--checkpoint-interval", "PT1S", "--set", "eval.every=" + evalEvery, "--set", "eval.samples-per-task=200",
            "--set", "model.inputs=16", "--set", "model.classes=4", "--set", "model.hidden=32",
            "--set", "optimizer=sgd(lr=0.05)", "--set", "learner.batch-size=16"};
    }
}
