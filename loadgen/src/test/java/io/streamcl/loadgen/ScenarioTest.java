package io.streamcl.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamcl.schemas.Split;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    /** Task data whose features record the task, so the tests can see which task each sample came from. */
    private static final TaskData THREE_TASKS = new TaskData() {
        @Override
        public String describe() {
            return "three-tasks";
        }

        @Override
        public int featureCount() {
            return 1;
        }

        @Override
        public int classCount() {
            return 2;
        }

        @Override
        public int taskCount() {
            return 3;
        }

        @Override
        public long naturalTaskLength() {
            return 50;
        }

        @Override
        public TaskSampler sampler(long seed) {
            return (task, split) -> Sample.classified(task, split, new FeatureVector.Dense(new float[] {task}), 0);
        }
    };

    @Test
    void playsTasksInOrderForTheirNaturalLength() {
        List<Sample> samples = all(Scenario.of(THREE_TASKS, StreamPlan.defaults()));

        assertThat(samples).hasSize(150);
        assertThat(samples.subList(0, 50)).allMatch(s -> s.taskId() == 0);
        assertThat(samples.subList(50, 100)).allMatch(s -> s.taskId() == 1);
        assertThat(samples.subList(100, 150)).allMatch(s -> s.taskId() == 2);
    }

    @Test
    void recurringTasksCycleThroughTheSequence() {
        Scenario scenario = Scenario.of(THREE_TASKS, StreamPlan.defaults().withExamplesPerTask(10).withRepeats(3));

        List<Sample> samples = all(scenario);

        assertThat(scenario.stageCount()).isEqualTo(9);
        assertThat(samples).hasSize(90);
        List<Integer> taskPerStage = new ArrayList<>();
        for (int stage = 0; stage < 9; stage++) {
            taskPerStage.add(samples.get(stage * 10).taskId());
        }
        assertThat(taskPerStage).containsExactly(0, 1, 2, 0, 1, 2, 0, 1, 2);
    }

    @Test
    void evalFractionIsRespected() {
        Scenario scenario = Scenario.of(THREE_TASKS, StreamPlan.defaults().withExamplesPerTask(20_000).withEvalFraction(0.2));

        long eval = all(scenario).stream().filter(s -> s.split() == Split.EVAL).count();

        // 60,000 Bernoulli(0.2) draws: the standard deviation of the count is ~98, so 5 sigma is ~490.
        assertThat(eval).isBetween(12_000L - 490, 12_000L + 490);
    }

    @Test
    void zeroEvalFractionMarksEverythingTrain() {
        Scenario scenario = Scenario.of(THREE_TASKS, StreamPlan.defaults().withEvalFraction(0));

        assertThat(all(scenario)).allMatch(s -> s.split() == Split.TRAIN);
    }

    @Test
    void gradualDriftBlendsTasksAroundTheBoundaryOnly() {
        Scenario scenario = Scenario.of(THREE_TASKS,
                StreamPlan.defaults().withExamplesPerTask(10_000).withDriftWindow(4_000).withRepeats(1));

        List<Sample> samples = all(scenario);

        // Far from a boundary each task is pure.
        assertThat(samples.subList(0, 8_000)).allMatch(s -> s.taskId() == 0);
        assertThat(samples.subList(12_000, 18_000)).allMatch(s -> s.taskId() == 1);
        // The share of the new task rises through the window: ~12.5% in its first quarter, ~87.5% in its last.
        assertThat(share(samples.subList(8_000, 9_000), 1)).isBetween(0.08, 0.17);
        assertThat(share(samples.subList(11_000, 12_000), 1)).isBetween(0.83, 0.92);
        // Only neighbouring tasks are mixed; the last task has no successor to blend into.
        assertThat(samples.subList(8_000, 12_000)).allMatch(s -> s.taskId() == 0 || s.taskId() == 1);
        assertThat(samples.subList(22_000, 30_000)).allMatch(s -> s.taskId() == 2);
    }

    @Test
    void rejectsADriftWindowLongerThanATask() {
        StreamPlan plan = StreamPlan.defaults().withExamplesPerTask(100).withDriftWindow(101);

        assertThatThrownBy(() -> Scenario.of(THREE_TASKS, plan))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("drift-window must not exceed examples-per-task (100), was 101");
    }

    @Test
    void planValidationNamesTheParameterAndValue() {
        assertThatThrownBy(() -> StreamPlan.defaults().withEvalFraction(1.5))
                .hasMessage("eval-fraction must be in [0.0, 1.0), was 1.5");
        assertThatThrownBy(() -> StreamPlan.defaults().withRepeats(0))
                .hasMessage("repeats must be at least 1, was 0");
    }

    private static double share(List<Sample> samples, int task) {
        return samples.stream().filter(s -> s.taskId() == task).count() / (double) samples.size();
    }

    static List<Sample> all(Scenario scenario) {
        List<Sample> samples = new ArrayList<>();
        for (Iterator<Sample> it = scenario.samples(); it.hasNext(); ) {
            samples.add(it.next());
        }
        return samples;
    }
}
