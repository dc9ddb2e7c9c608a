package io.streamcl.deploy.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.streamcl.loadgen.images.FashionMnist;
import org.junit.jupiter.api.Test;

/**
 * A short {@link Soak} ({@code deploy/bin/soak} at a small size): a label-permuted Fashion-MNIST stream of 3 keys
 * and 8 tasks trained by the shaded job jar on a local standalone cluster, once clean and once with two TaskManager
 * kills (SIGKILL) and a broker restart; the committed evaluations must be identical, with no duplicate or missing
 * step, and checkpoint size and heap flat once the held-out sets are full.
 */
class SoakIT {
    @Test
    void twoTaskManagerKillsAndABrokerRestartChangeNoEvaluation() throws Exception {
        assumeThat(FashionMnist.isInstalled(FashionMnist.defaultDir()))
                .as("Fashion-MNIST in %s (apt-get install dataset-fashion-mnist)", FashionMnist.defaultDir()).isTrue();
        // 72,000 examples: long enough that the kills, triggered by the source's position as the REST API last
        // fetched it (up to a second old), land while the job still runs (24,000 once finished before the second)
        Soak.Result result = Soak.parse("--job-jar", System.getProperty("streamcl.jobJar"), "--keys", "3",
                "--tasks", "8", "--examples-per-task", "3000", "--max-tasks", "2", "--broker-down", "5",
                "--checkpoint-interval", "1s").run();
        System.out.println(result.table());

        assertThat(result.differences()).as("differences from the clean run").isEmpty();
        assertThat(result.cleanEvents()).isPositive();
        // The full soak (deploy/bin/soak) requires both kills; at this size the job, restarted after the broker came
        // back, sometimes ends before the second kill finds it running (seen twice on a fast idle machine).
        assertThat(result.taskManagerKills()).isBetween(1, 2);
        // Each kill hits the TaskManager the REST API names as running the job; CI still once saw 2 kills recorded as
        // 1 failure in the job's exception history (unexplained; the events were identical), so at least one.
        assertThat(result.restarts()).as("job restarts after the kills").isPositive();
        assertThat(result.checkpointsFlat()).as("checkpoint size flat: %s", result).isTrue();
        assertThat(result.heapFlat()).as("heap flat: %s", result).isTrue();
    }
}
