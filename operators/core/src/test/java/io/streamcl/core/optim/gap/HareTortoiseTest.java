package io.streamcl.core.optim.gap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.core.optim.StageFixture;
import io.streamcl.core.optim.StageState;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Tests {@link HareTortoise} against a double-precision reference of the tortoise EMA and the periodic hare reset. */
class HareTortoiseTest {

    @Test
    void tortoiseIsAnEmaOfTheHareAndTheHareIsResetToItEveryKUpdates() {
        StageFixture f = new StageFixture(true, 1, 41);
        HareTortoise stage = new HareTortoise(0.8, 3);
        StageState state = stage.initialState(f.model);
        double[] tortoise = StageFixture.doubles(f.initial);
        SplittableRandom random = new SplittableRandom(5);
        for (int t = 1; t <= 7; t++) {
            for (int i = 0; i < f.params.length; i++) {
                f.params[i] += (float) random.nextDouble(-0.1, 0.1); // the base step's move
            }
            double[] hare = StageFixture.doubles(f.params);
            for (int i = 0; i < hare.length; i++) {
                tortoise[i] = 0.8 * tortoise[i] + 0.2 * hare[i];
            }
            stage.apply(state, f.context(t));
            for (int i = 0; i < hare.length; i++) {
                assertThat((double) stage.weights(state)[i]).isCloseTo(tortoise[i], within(1e-6));
                assertThat((double) f.params[i]).as("step %d hare %d", t, i)
                        .isCloseTo(t % 3 == 0 ? tortoise[i] : hare[i], within(1e-6));
            }
        }
        assertThat(state.counter(HareTortoise.RESETS)).isEqualTo(2);
    }
}
