package io.streamcl.flink.learner;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.core.learner.ContinualLearner;
import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.flink.config.LearnerSettings;
import io.streamcl.flink.serde.StreamExample;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.EvaluationTrigger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Learners restored from a savepoint written before the end-of-input timer existed (their state, no timer) still
 * train their pending batch and emit the final evaluation when the input ends: {@link LearnerOperator} registers
 * the timer for every restored key.
 */
class RestoredEndOfInputTest {
    private static final ContinualLearnerConfig CONFIG = LearnerSettings.parse(Map.of(
            LearnerSettings.INPUTS, "2", LearnerSettings.CLASSES, "3", LearnerSettings.HIDDEN, "16",
            LearnerSettings.BATCH_SIZE, "8", LearnerSettings.EVAL_SAMPLES, "100"));

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aLearnerRestoredWithoutItsTimerIsFinishedAtTheEndOfInput(Backend backend) throws Exception {
        List<StreamExample> stream = ContinualLearnerFunctionTest.stream(205, 5);
        stream.forEach(e -> {
            e.taskId = 0;
            e.eval = e.seq % 10 == 0;
        });
        OperatorSubtaskState savepoint;
        try (var old = backend.on(new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new TimerlessLearner(CONFIG)), (StreamExample e) -> e.key, Types.STRING))) {
            old.open();
            for (StreamExample e : stream) {
                old.processElement(e, e.eventTime);
            }
            assertThat(old.numEventTimeTimers()).as("the old version registered no end-of-input timer").isZero();
            savepoint = old.snapshot(1, 1);
        }

        try (var restored = backend.on(new KeyedOneInputStreamOperatorTestHarness<>(
                new LearnerOperator(new ContinualLearnerFunction(CONFIG, Duration.ofHours(1))), e -> e.key,
                Types.STRING))) {
            restored.initializeState(savepoint);
            restored.open();
            assertThat(restored.numEventTimeTimers()).isEqualTo(1);

            restored.processWatermark(Long.MAX_VALUE);

            assertThat(restored.extractOutputValues()).singleElement().satisfies(last -> {
                assertThat(last.getTrigger()).isEqualTo(EvaluationTrigger.END_OF_INPUT);
                assertThat(last.getKey()).isEqualTo("k");
                assertThat(last.getExamplesSeen()).as("the pending batch trained too")
                        .isEqualTo(stream.stream().filter(e -> !e.eval).count());
                assertThat(last.getAggregate().getAccuracyMatrixRowTasks()).containsExactly(0);
            });
            assertThat(restored.numEventTimeTimers()).isZero();
        }
    }

    /** The learner as it was before the end-of-input timer: the same keyed state, and no timer. */
    private static final class TimerlessLearner extends KeyedProcessFunction<String, StreamExample, EvaluationEvent> {
        private final Map<String, String> settings;
        private transient ContinualLearnerConfig config;
        private transient ValueState<ContinualLearner> state;

        TimerlessLearner(ContinualLearnerConfig config) {
            this.settings = Map.copyOf(LearnerSettings.format(config));
        }

        @Override
        public void open(OpenContext context) {
            config = LearnerSettings.parse(settings);
            state = getRuntimeContext().getState(new ValueStateDescriptor<>(ContinualLearnerFunction.STATE_NAME,
                    new LearnerStateSerializer(config)));
        }

        @Override
        public void processElement(StreamExample e, Context ctx, Collector<EvaluationEvent> out) throws Exception {
            ContinualLearner learner = state.value() == null ? ContinualLearner.create(config) : state.value();
            learner.observe(e.taskId, e.seq, e.eventTime, e.featuresInto(new float[2]), e.label, e.eval);
            state.update(learner);
        }
    }
}
