package io.streamcl.flink.alert;

import io.streamcl.flink.config.AlertSettings;
import io.streamcl.flink.state.BinaryStateSerializer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * Typed Flink serializer of a learner key's {@link LearnerAlerts}: their own versioned binary form, which embeds
 * the core rules' states. Its snapshot stores the alert config as settings text.
 */
public final class AlertStateSerializer extends BinaryStateSerializer<LearnerAlerts, AlertConfig> {

    public AlertStateSerializer(AlertConfig config) {
        super(config, AlertSettings.format(config));
    }

    @Override
    protected AlertConfig parse(Map<String, String> settings) {
        return AlertSettings.parse(settings);
    }

    @Override
    public LearnerAlerts createInstance() {
        return LearnerAlerts.create(config());
    }

    @Override
    protected void write(LearnerAlerts state, DataOutput out) throws IOException {
        state.writeTo(out);
    }

    @Override
    protected LearnerAlerts read(DataInput in) throws IOException {
        return LearnerAlerts.readFrom(in, config());
    }

    @Override
    public TypeSerializerSnapshot<LearnerAlerts> snapshotConfiguration() {
        return new AlertStateSerializerSnapshot(settings());
    }
}
