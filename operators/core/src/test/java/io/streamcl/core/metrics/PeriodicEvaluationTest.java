package io.streamcl.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Tests {@link PeriodicEvaluation}: initial, periodic and boundary evaluations. */
class PeriodicEvaluationTest {

    @Test
    void everyKUpdatesPlusTheInitialModelAndBoundaries() {
        PeriodicEvaluation every5 = PeriodicEvaluation.every(5);
        assertThat(LongStream.rangeClosed(0, 16).filter(step -> every5.isDue(step, false)))
                .containsExactly(0L, 5L, 10L, 15L);
        assertThat(every5.isDue(7, true)).isTrue();
    }

    @Test
    void initialAndBoundaryEvaluationsCanBeSwitchedOff() {
        PeriodicEvaluation plain = new PeriodicEvaluation(3, false, false);
        assertThat(plain.isDue(0, false)).isFalse();
        assertThat(plain.isDue(0, true)).isFalse();
        assertThat(plain.isDue(4, true)).isFalse();
        assertThat(plain.isDue(6, false)).isTrue();
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> PeriodicEvaluation.every(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("everyUpdates must be at least 1, got 0");
        assertThatThrownBy(() -> PeriodicEvaluation.every(1).isDue(-1, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("modelStep must be at least 0, got -1");
    }
}
