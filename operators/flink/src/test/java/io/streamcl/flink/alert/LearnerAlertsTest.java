package io.streamcl.flink.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.core.detect.AlertKind;
import io.streamcl.core.detect.AlertOpened;
import io.streamcl.core.detect.ForgettingAlertsConfig;
import io.streamcl.schemas.AggregateMetrics;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.PlasticityDiagnostics;
import io.streamcl.schemas.TaskMetrics;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests the routing of {@link LearnerAlerts}: plasticity-loss rules and the bound on tracked tasks. */
class LearnerAlertsTest {

    @Test
    void onlineAccuracyFallingOverEightNewTasksOpensAPlasticityLossAlert() {
        LearnerAlerts alerts = LearnerAlerts.create(AlertConfig.defaults());
        List<RaisedAlert> raised = new ArrayList<>();
        for (int task = 1; task <= 9; task++) {
            int ended = task - 1;
            TaskMetrics endedMetrics = TaskMetrics.newBuilder().setTaskId(ended)
                    .setOnlineAccuracy(0.9 - 0.01 * ended).build();
            EvaluationEvent boundary = EvaluationEvent.newBuilder(Evaluations.at(10 * task, 0.5, Map.of()))
                    .setCurrentTask(task).setTasks(List.of(endedMetrics))
                    .setAggregate(AggregateMetrics.newBuilder().setEndedTask(ended).build()).build();
            raised.addAll(alerts.observe(boundary));
            // A later event naming the same ended task again must not count it twice.
            raised.addAll(alerts.observe(EvaluationEvent.newBuilder(boundary).setModelStep(boundary.getModelStep() + 1)
                    .setEvaluationSeq(boundary.getEvaluationSeq() + 1).build()));
        }

        assertThat(raised).singleElement().satisfies(r -> {
            assertThat(r.metric()).isEqualTo("new-task-accuracy");
            assertThat(r.taskId()).isNull();
            assertThat(r.event()).isInstanceOf(AlertOpened.class);
            assertThat(r.event().kind()).isEqualTo(AlertKind.PLASTICITY_LOSS);
            assertThat(r.event().step()).as("the eighth task's end").isEqualTo(800);
            assertThat(r.event().onsetStep()).as("the first of the eight").isEqualTo(100);
        });
    }

    @Test
    void theSequenceNumberOrdersEvaluationsThatShareAModelStep() {
        LearnerAlerts alerts = LearnerAlerts.create(AlertConfig.defaults());
        EvaluationEvent periodic = Evaluations.at(5, 0.5, Map.of(0, 0.9));
        alerts.observe(periodic);
        EvaluationEvent boundary = EvaluationEvent.newBuilder(periodic).setEvaluationSeq(6).build();
        EvaluationEvent withoutSeq = EvaluationEvent.newBuilder(periodic).setEvaluationSeq(0).build();

        assertThat(alerts.position(boundary)).isEqualTo(LearnerAlerts.Position.NEW);
        assertThat(alerts.position(periodic)).isEqualTo(LearnerAlerts.Position.DUPLICATE);
        assertThat(alerts.position(withoutSeq)).as("v1 producers: the step decides").isEqualTo(
                LearnerAlerts.Position.DUPLICATE);
        assertThat(alerts.position(Evaluations.at(4, 0.5, Map.of()))).isEqualTo(LearnerAlerts.Position.RESTART);
        assertThat(alerts.position(EvaluationEvent.newBuilder(periodic).setEvaluationSeq(1).setModelStep(60).build()))
                .as("a restarted model at a later step").isEqualTo(LearnerAlerts.Position.RESTART);
        assertThat(alerts.nextRun().run()).isEqualTo(1);
    }

    @Test
    void aRisingDormantFractionOpensAPlasticityLossAlert() {
        LearnerAlerts alerts = LearnerAlerts.create(AlertConfig.defaults());
        List<RaisedAlert> raised = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            raised.addAll(alerts.observe(EvaluationEvent.newBuilder(Evaluations.at(i, 0.5, Map.of()))
                    .setPlasticity(PlasticityDiagnostics.newBuilder().setDormantFraction(0.1 + 0.01 * i).build())
                    .build()));
        }

        assertThat(raised).singleElement().satisfies(r -> {
            assertThat(r.metric()).isEqualTo("dormant-fraction");
            assertThat(r.event().kind()).isEqualTo(AlertKind.PLASTICITY_LOSS);
            assertThat(r.event().step()).isEqualTo(100);
        });
    }

    @Test
    void beyondMaxTasksTheTaskSeenFirstIsForgotten() throws IOException {
        LearnerAlerts bounded = LearnerAlerts.create(new AlertConfig(ForgettingAlertsConfig.defaults(), 3));
        for (int task = 0; task < 3; task++) {
            bounded.observe(Evaluations.at(task + 1, 0.5, Map.of(task, 0.9)));
        }
        int sizeAtTheBound = bytes(bounded);
        for (int task = 3; task < 50; task++) {
            bounded.observe(Evaluations.at(task + 1, 0.5, Map.of(task, 0.9)));
        }
        assertThat(bytes(bounded)).isEqualTo(sizeAtTheBound);

        // The task training (1 in these events) is kept even when it is the oldest: its dip is still seen.
        LearnerAlerts keepsTraining = LearnerAlerts.create(new AlertConfig(ForgettingAlertsConfig.defaults(), 2));
        List<RaisedAlert> raised = new ArrayList<>();
        for (int i = 1; i <= 45; i++) {
            raised.addAll(keepsTraining.observe(Evaluations.at(i, 0.5, Map.of(1, i > 40 ? 0.7 : 0.9, 100 + i, 0.5))));
        }
        assertThat(raised).singleElement().satisfies(r -> assertThat(r.taskId()).isEqualTo(1));
    }

    private static int bytes(LearnerAlerts alerts) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        alerts.writeTo(new DataOutputStream(buffer));
        return buffer.size();
    }
}
