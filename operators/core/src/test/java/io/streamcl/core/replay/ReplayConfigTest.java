package io.streamcl.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamcl.core.optim.PipelineHarness;
import io.streamcl.core.optim.StepSignals;
import org.junit.jupiter.api.Test;

/** Tests the replay vocabulary: parsing, canonical text, the weight schedule and the byte budget. */
class ReplayConfigTest {

    @Test
    void parsesDefaultsAndPrintsACanonicalFormThatParsesBack() {
        ReplayConfig config = ReplayConfig.parse("reservoir(capacity=500)");
        assertThat(config.canonical()).isEqualTo("reservoir(capacity=500,max_bytes=67108864,batch=32,new_weight=0.5,"
                + "boundary_weight=0.2,boundary_steps=0)");
        assertThat(ReplayConfig.parse(config.canonical())).isEqualTo(config);
        ReplayConfig hess = ReplayConfig.parse("class_balanced(new_weight=1/t,boundary_steps=50,boundary_weight=0.1)");
        assertThat(hess.newWeight()).isEqualTo(NewDataWeight.INVERSE_TASKS);
        assertThat(ReplayConfig.parse(hess.canonical())).isEqualTo(hess);
        assertThat(ReplayConfig.parse("none")).isEqualTo(ReplayConfig.NONE);
        assertThat(ReplayConfig.NONE.enabled()).isFalse();
        assertThat(ReplayConfig.NONE.canonical()).isEqualTo("none");
    }

    @Test
    void newDataWeightIsFixedOrOneOverTheTaskAndDropsAfterABoundary() {
        ReplayConfig hess = ReplayConfig.parse("reservoir(new_weight=1/t,boundary_weight=0.1,boundary_steps=3)");
        assertThat(hess.newDataWeight(1, StepSignals.NONE)).isEqualTo(1);
        assertThat(hess.newDataWeight(4, StepSignals.NONE)).isEqualTo(0.25);
        assertThat(hess.newDataWeight(4, PipelineHarness.since(2))).isEqualTo(0.1);
        assertThat(hess.newDataWeight(4, PipelineHarness.since(3))).isEqualTo(0.25);
        ReplayConfig low = ReplayConfig.parse("reservoir(new_weight=0.05,boundary_weight=0.1,boundary_steps=3)");
        assertThat(low.newDataWeight(2, PipelineHarness.since(0))).as("never raises the new-data weight").isEqualTo(0.05);
    }

    @Test
    void theSmallerOfTheCountAndByteBudgetsWins() {
        assertThat(ReplayConfig.parse("reservoir(capacity=2000)").capacityFor(784, 10)).isEqualTo(2000);
        assertThat(ReplayConfig.parse("reservoir(capacity=2000,max_bytes=314000)").capacityFor(784, 10)).isEqualTo(100);
        assertThat(ReplayConfig.parse("class_balanced(capacity=2000,max_bytes=314130)").capacityFor(784, 10))
                .as("13 bytes of bookkeeping per class").isEqualTo(100);
        assertThatThrownBy(() -> ReplayConfig.parse("reservoir(max_bytes=100)").capacityFor(784, 10))
                .hasMessageContaining("reservoir.max_bytes=100 holds no example of 3140 bytes");
    }

    @Test
    void errorsNameTheKeyAndTheValue() {
        assertThatThrownBy(() -> ReplayConfig.parse("reservoir(new_weight=half)"))
                .hasMessage("reservoir: parameter new_weight='half' must be a number in [0, 1] or 1/t");
        assertThatThrownBy(() -> ReplayConfig.parse("reservoir(new_weight=1.5)"))
                .hasMessageContaining("new_weight='1.5'");
        assertThatThrownBy(() -> ReplayConfig.parse("reservoir(capacity=0)"))
                .hasMessage("reservoir.capacity must be at least 1, got 0");
        assertThatThrownBy(() -> ReplayConfig.parse("reservoir(size=10)"))
                .hasMessageStartingWith("reservoir: unknown parameter 'size'");
        assertThatThrownBy(() -> ReplayConfig.parse("ring(capacity=10)"))
                .hasMessage("unknown replay 'ring' (known: none, reservoir, class_balanced)");
    }
}
