package io.streamcl.flink.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.flink.config.LearnerSettings;
import io.streamcl.flink.learner.ContinualLearnerFunction;
import io.streamcl.flink.serde.StreamExample;
import io.streamcl.schemas.AlertKind;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.ForgettingAlert;
import io.streamcl.schemas.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** A learner that diverges, through its evaluation events, raises a divergence alert in {@link AlertFunction}. */
class DivergingLearnerTest {

    @Test
    void aLearnerWhoseLossBlowsUpRaisesACriticalDivergenceAlert() throws Exception {
        ContinualLearnerConfig diverging = LearnerSettings.parse(Map.of(LearnerSettings.INPUTS, "2",
                LearnerSettings.CLASSES, "3", LearnerSettings.HIDDEN, "16", LearnerSettings.OPTIMIZER, "sgd(lr=1e30)",
                LearnerSettings.BATCH_SIZE, "8", LearnerSettings.EVAL_EVERY, "5"));
        List<EvaluationEvent> events = new ArrayList<>();
        try (var learner = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ContinualLearnerFunction(diverging, Duration.ofHours(1))),
                (StreamExample e) -> e.key, Types.STRING)) {
            learner.open();
            SplittableRandom random = new SplittableRandom(3);
            for (int i = 0; i < 800; i++) {
                StreamExample e = new StreamExample();
                e.key = "k";
                e.seq = i;
                e.eventTime = i;
                e.label = random.nextInt(3);
                e.features = new float[] {(float) random.nextGaussian() + e.label, (float) random.nextGaussian()};
                learner.processElement(e, i);
            }
            events.addAll(learner.extractOutputValues());
        }
        assertThat(events).anySatisfy(e -> assertThat(e.getTrainLoss()).isNotNull().isNaN());

        List<ForgettingAlert> alerts = new ArrayList<>();
        try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new AlertFunction(AlertConfig.defaults())), EvaluationEvent::getKey,
                Types.STRING)) {
            harness.open();
            for (EvaluationEvent e : events) {
                harness.processElement(e, e.getEventTime().toEpochMilli());
            }
            alerts.addAll(harness.extractOutputValues());
        }
        assertThat(alerts).filteredOn(a -> a.getKind() == AlertKind.DIVERGENCE).first().satisfies(a -> {
            assertThat(a.getSeverity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.getCurrent()).isNull();
        });
    }
}
