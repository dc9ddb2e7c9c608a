package io.streamcl.flink.learner;

import io.streamcl.core.learner.ContinualLearner;
import io.streamcl.flink.state.BinaryStateSerializerContract;
import io.streamcl.flink.state.StateFixtures;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's serializer contract for {@link LearnerStateSerializer}: a fresh, a trained and an ended learner. */
class LearnerStateSerializerTest extends BinaryStateSerializerContract<ContinualLearner> {

    LearnerStateSerializerTest() {
        super(ContinualLearner.class, new LearnerStateSerializer(StateFixtures.learnerConfig()));
    }

    @Override
    protected TypeSerializer<ContinualLearner> createSerializer() {
        return new LearnerStateSerializer(StateFixtures.learnerConfig());
    }


    @Override
    protected ContinualLearner[] getTestData() {
        ContinualLearner ended = StateFixtures.learner();
        ended.finish();
        return new ContinualLearner[] {ContinualLearner.create(StateFixtures.learnerConfig()), StateFixtures.learner(),
            ended};
    }
}
