package io.streamcl.core.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.core.eval.TaskScore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightsSelectorTest {
    private static final ServingConfig AUTO = new ServingConfig(ServingMode.AUTO, 3, 0.02, true);

    /** One evaluation of one task on {@code samples} rows: raw and EMA accuracy. */
    private static List<TaskScore> scores(double raw, double ema) {
        return List.of(new TaskScore(0, 500, raw, 0.5).withShadowAccuracy(ema));
    }

    private static ServedWeights periodic(WeightsSelector selector, double raw, double ema) {
        return selector.observe(scores(raw, ema), false, true);
    }

    @Test
    void autoSwitchesToEmaAtABoundaryAndBackOnlyAfterAWindowOfClearLeads() {
        WeightsSelector selector = WeightsSelector.create(AUTO);
        assertThat(selector.serving()).isEqualTo(ServedWeights.RAW);
        assertThat(periodic(selector, 0.90, 0.80)).isEqualTo(ServedWeights.RAW);

        assertThat(selector.observe(scores(0.90, 0.70), true, true)).isEqualTo(ServedWeights.EMA);
        // the gap: raw collapses, EMA holds
        assertThat(periodic(selector, 0.30, 0.70)).isEqualTo(ServedWeights.EMA);
        // raw recovers past EMA, but a window of 3 must lead by more than the margin on average
        assertThat(periodic(selector, 0.80, 0.72)).isEqualTo(ServedWeights.EMA);
        assertThat(periodic(selector, 0.82, 0.74)).isEqualTo(ServedWeights.EMA); // EMA still leads on average: (0.4 - 0.08 - 0.08) / 3
        assertThat(periodic(selector, 0.84, 0.75)).isEqualTo(ServedWeights.RAW); // raw leads by (0.08 + 0.08 + 0.09) / 3 > 0.02
    }

    @Test
    void nearEqualWeightsDoNotFlapAndAWindowMustFillBeforeASwitch() {
        WeightsSelector selector = WeightsSelector.create(AUTO);
        for (int i = 0; i < 10; i++) {
            assertThat(periodic(selector, 0.80, 0.80 + (i % 2 == 0 ? 0.019 : -0.019))).isEqualTo(ServedWeights.RAW);
        }
        assertThat(periodic(selector, 0.50, 0.80)).as("a clear lead: (0.019 - 0.019 + 0.3) / 3 > 0.02")
                .isEqualTo(ServedWeights.EMA);
        WeightsSelector fresh = WeightsSelector.create(AUTO);
        assertThat(periodic(fresh, 0.50, 0.80)).as("window not full yet").isEqualTo(ServedWeights.RAW);
        assertThat(periodic(fresh, 0.80, 0.80)).isEqualTo(ServedWeights.RAW);
        assertThat(periodic(fresh, 0.85, 0.80)).as("(0.3 + 0 - 0.05) / 3 > 0.02").isEqualTo(ServedWeights.EMA);
    }

    @Test
    void weighsEverySeenTaskWithRowsTheSameLikeAvgAcc() {
        WeightsSelector selector = WeightsSelector.create(new ServingConfig(ServingMode.AUTO, 1, 0.02, false));
        List<TaskScore> scores = List.of(new TaskScore(0, 500, 0.80, 0.5).withShadowAccuracy(0.85),
                new TaskScore(1, 10, 0.90, 2.0).withShadowAccuracy(0.10), new TaskScore(2, 0, 0, 0));
        // pooled over rows EMA would lead by (25 - 8) / 510; per task raw leads by (0.8 - 0.05) / 2, task 2 has no rows
        assertThat(selector.observe(scores, false, true)).isEqualTo(ServedWeights.RAW);
        assertThat(selector.observe(scores.subList(0, 1), false, true)).isEqualTo(ServedWeights.EMA);
    }

    @Test
    void withoutBoundaryEmaABoundaryOnlyRestartsTheWindow() {
        WeightsSelector selector = WeightsSelector.create(new ServingConfig(ServingMode.AUTO, 2, 0.02, false));
        periodic(selector, 0.5, 0.9);
        assertThat(periodic(selector, 0.5, 0.9)).isEqualTo(ServedWeights.EMA);
        assertThat(selector.observe(scores(0.9, 0.1), true, true)).isEqualTo(ServedWeights.EMA);
        assertThat(periodic(selector, 0.9, 0.5)).as("one evaluation since the boundary").isEqualTo(ServedWeights.EMA);
        assertThat(periodic(selector, 0.9, 0.5)).isEqualTo(ServedWeights.RAW);
    }

    @Test
    void withoutEmaWeightsRawServesAndFixedModesNeverMove() {
        WeightsSelector auto = WeightsSelector.create(AUTO);
        assertThat(auto.observe(List.of(new TaskScore(0, 500, 0.2, 1.0)), true, false)).isEqualTo(ServedWeights.RAW);

        WeightsSelector raw = WeightsSelector.create(ServingConfig.of(ServingMode.RAW));
        WeightsSelector ema = WeightsSelector.create(ServingConfig.of(ServingMode.EMA));
        for (int i = 0; i < 5; i++) {
            assertThat(raw.observe(scores(0.1, 0.9), i == 2, true)).isEqualTo(ServedWeights.RAW);
            assertThat(ema.observe(scores(0.9, 0.1), i == 2, true)).isEqualTo(ServedWeights.EMA);
        }
    }

    @Test
    void stateRestoresIdenticallyAndAdoptsAChangedPolicy() throws IOException {
        WeightsSelector selector = WeightsSelector.create(AUTO);
        selector.observe(scores(0.9, 0.7), true, true);
        periodic(selector, 0.80, 0.70);
        periodic(selector, 0.80, 0.70);

        WeightsSelector same = restore(selector, AUTO);
        assertThat(same.serving()).isEqualTo(ServedWeights.EMA);
        assertThat(periodic(same, 0.80, 0.70)).as("the restored window was full after this").isEqualTo(ServedWeights.RAW);
        assertThat(periodic(selector, 0.80, 0.70)).isEqualTo(ServedWeights.RAW);

        WeightsSelector shorter = restore(WeightsSelector.create(AUTO), new ServingConfig(ServingMode.AUTO, 1, 0.02, false));
        assertThat(shorter.serving()).isEqualTo(ServedWeights.RAW);
        assertThat(restore(selector, ServingConfig.of(ServingMode.EMA)).serving()).isEqualTo(ServedWeights.EMA);
    }

    private static WeightsSelector restore(WeightsSelector selector, ServingConfig config) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        selector.writeTo(new DataOutputStream(bytes));
        return WeightsSelector.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), config);
    }
}
