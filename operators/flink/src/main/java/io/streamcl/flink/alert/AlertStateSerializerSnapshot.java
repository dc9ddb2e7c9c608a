package io.streamcl.flink.alert;

import io.streamcl.flink.config.AlertSettings;
import io.streamcl.flink.state.SettingsSerializerSnapshot;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Snapshot of an {@link AlertStateSerializer}: the alert config as settings text. A job restored under other alert
 * settings is refused (the rules' states hold detector-specific figures); start it without the alert state instead.
 */
public final class AlertStateSerializerSnapshot extends SettingsSerializerSnapshot<LearnerAlerts, AlertConfig> {

    /** For Flink, which instantiates snapshots reflectively before {@code readSnapshot}. */
    public AlertStateSerializerSnapshot() {}

    AlertStateSerializerSnapshot(Map<String, String> settings) {
        super(settings);
    }

    @Override
    protected AlertConfig parse(Map<String, String> settings) {
        return AlertSettings.parse(settings);
    }

    @Override
    protected TypeSerializer<LearnerAlerts> serializer(AlertConfig config) {
        return new AlertStateSerializer(config);
    }
}
