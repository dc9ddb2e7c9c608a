package io.streamcl.flink.learner;

import io.streamcl.core.eval.TaskScore;
import io.streamcl.core.serving.ServingConfig;
import io.streamcl.core.serving.ServingMode;
import io.streamcl.core.serving.WeightsSelector;
import io.streamcl.flink.state.BinaryStateSerializerContract;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's serializer contract for {@link SelectorStateSerializer}: a fresh selector and one serving EMA mid-window. */
class SelectorStateSerializerTest extends BinaryStateSerializerContract<WeightsSelector> {
    private static final ServingConfig AUTO = ServingConfig.of(ServingMode.AUTO);

    SelectorStateSerializerTest() {
        super(WeightsSelector.class, new SelectorStateSerializer(AUTO));
    }

    @Override
    protected TypeSerializer<WeightsSelector> createSerializer() {
        return new SelectorStateSerializer(AUTO);
    }

    @Override
    protected WeightsSelector[] getTestData() {
        WeightsSelector serving = WeightsSelector.create(AUTO);
        List<TaskScore> emaAhead = List.of(new TaskScore(0, 300, 0.5, 1.0).withShadowAccuracy(0.8));
        for (int i = 0; i < 4; i++) {
            serving.observe(emaAhead, false, true);
        }
        return new WeightsSelector[] {WeightsSelector.create(AUTO), serving};
    }
}
