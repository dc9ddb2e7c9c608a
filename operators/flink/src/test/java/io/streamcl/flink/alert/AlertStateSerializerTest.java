package io.streamcl.flink.alert;

import io.streamcl.flink.state.BinaryStateSerializerContract;
import io.streamcl.flink.state.StateFixtures;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's serializer contract for {@link AlertStateSerializer}: fresh alert state and one after a dip. */
class AlertStateSerializerTest extends BinaryStateSerializerContract<LearnerAlerts> {

    AlertStateSerializerTest() {
        super(LearnerAlerts.class, new AlertStateSerializer(StateFixtures.alertConfig()));
    }

    @Override
    protected TypeSerializer<LearnerAlerts> createSerializer() {
        return new AlertStateSerializer(StateFixtures.alertConfig());
    }


    @Override
    protected LearnerAlerts[] getTestData() {
        return new LearnerAlerts[] {LearnerAlerts.create(StateFixtures.alertConfig()), StateFixtures.alerts()};
    }
}
