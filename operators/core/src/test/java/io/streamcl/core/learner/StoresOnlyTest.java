package io.streamcl.core.learner;

import static io.streamcl.core.learner.LearnerOutputs.add;
import static io.streamcl.core.learner.LearnerOutputs.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.core.detect.BoundaryDetectorConfig;
import io.streamcl.core.eval.EvaluationConfig;
import io.streamcl.core.metrics.MetricsConfig;
import io.streamcl.core.model.Activation;
import io.streamcl.core.model.MlpConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A learner that is handed only the examples {@link ContinualLearner#storesOnly} does not defer, each after the
 * deferred ones before it, ends in the same state with the same reports as one handed every example at once: through
 * task boundaries, a return to an earlier task, producer and fraction hold-outs, a task-free stretch with detected
 * segments, replay, EMA weights, timer flushes and the end of input.
 */
class StoresOnlyTest {
    private static final int INPUTS = 12;
    private static final ContinualLearnerConfig CONFIG = new ContinualLearnerConfig(
            LearnerConfig.of(new MlpConfig(INPUTS, new int[] {32}, 4, Activation.RELU, 3),
                    "sgd(lr=0.05)+ema(ramp=3)", 8, "reservoir(capacity=64,batch=8)"),
            new EvaluationConfig(3, 40, 40, 0.1, MetricsConfig.defaults(), 0), BoundaryDetectorConfig.defaults());

    /** One example of the test stream. */
    private record Example(Integer task, long seq, float[] x, int label, boolean heldOut) {}

    @Test
    void deferringStoredExamplesChangesNothing() throws IOException {
        ContinualLearner direct = ContinualLearner.create(CONFIG);
        ContinualLearner deferred = ContinualLearner.create(CONFIG);
        List<String> directReports = new ArrayList<>();
        List<String> deferredReports = new ArrayList<>();
        List<Example> queue = new ArrayList<>();
        Position at = null;
        int deferredCount = 0;
        List<Example> stream = stream();
        for (int i = 0; i < stream.size(); i++) {
            Example e = stream.get(i);
            add(directReports, direct.observe(e.task(), e.seq(), e.seq(), e.x(), e.label(), e.heldOut()));
            Optional<Position> next = at == null ? Optional.empty()
                    : ContinualLearner.storesOnly(CONFIG, at, e.task(), e.seq(), e.heldOut());
            if (next.isPresent()) {
                queue.add(e);
                at = next.get();
                deferredCount++;
            } else {
                replay(deferred, queue);
                add(deferredReports, deferred.observe(e.task(), e.seq(), e.seq(), e.x(), e.label(), e.heldOut()));
                at = deferred.position();
            }
            if (i % 997 == 996) { // a flush timer
                add(directReports, direct.flush());
                replay(deferred, queue);
                add(deferredReports, deferred.flush());
                at = deferred.position();
            }
            assertThat(at).as("position after example %d", i).isEqualTo(positionAfterQueue(deferred, queue));
        }
        add(directReports, direct.finish());
        replay(deferred, queue);
        add(deferredReports, deferred.finish());

        assertThat(deferredCount).as("examples deferred").isGreaterThan(stream.size() * 3 / 4);
        assertThat(directReports).hasSizeGreaterThan(100);
        assertThat(deferredReports).containsExactlyElementsOf(directReports);
        assertThat(bytes(deferred)).isEqualTo(bytes(direct));
    }

    /** Tasks 0, 1, 0 again, 2, then a task-free stretch; every 9th example held out by the producer. */
    private static List<Example> stream() {
        SplittableRandom random = new SplittableRandom(5);
        List<Example> examples = new ArrayList<>();
        int[] tasks = {0, 1, 0, 2, -1, -1};
        for (int i = 0; i < 6 * 700; i++) {
            int t = tasks[i / 700];
            int concept = t < 0 ? i / 350 : t;
            int label = random.nextInt(4);
            float[] x = new float[INPUTS];
            for (int j = 0; j < INPUTS; j++) {
                x[j] = (float) ((j % 4 == (label + concept) % 4 ? 1.5 : 0) + random.nextGaussian());
            }
            examples.add(new Example(t < 0 ? null : t, i, x, label, i % 9 == 0));
        }
        return examples;
    }

    private static void replay(ContinualLearner learner, List<Example> queue) {
        for (Example e : queue) {
            assertThat(learner.observe(e.task(), e.seq(), e.seq(), e.x(), e.label(), e.heldOut()))
                    .as("a deferred example reports nothing").isEmpty();
        }
        queue.clear();
    }

    /** The learner's position once the queue is observed, computed from its own position and the queue. */
    private static Position positionAfterQueue(ContinualLearner learner, List<Example> queue) {
        Position p = learner.position();
        for (Example e : queue) {
            p = ContinualLearner.storesOnly(CONFIG, p, e.task(), e.seq(), e.heldOut()).orElseThrow();
        }
        return p;
    }
}
