package io.streamcl.flink.learner;

import io.streamcl.core.serving.ServingConfig;
import io.streamcl.core.serving.WeightsSelector;
import io.streamcl.flink.config.ServeSettings;
import io.streamcl.flink.state.SettingsSerializerSnapshot;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Snapshot of a {@link SelectorStateSerializer}: the serving settings as text. Every {@code serve.*} setting is a
 * policy, so any change restores as compatible and takes effect from then on.
 */
public final class SelectorStateSerializerSnapshot extends SettingsSerializerSnapshot<WeightsSelector, ServingConfig> {

    /** For Flink, which instantiates snapshots reflectively before {@code readSnapshot}. */
    public SelectorStateSerializerSnapshot() {}

    SelectorStateSerializerSnapshot(Map<String, String> settings) {
        super(settings);
    }

    @Override
    protected ServingConfig parse(Map<String, String> settings) {
        return ServeSettings.parse(settings);
    }

    @Override
    protected List<String> stateShapingChanges(Map<String, String> before, Map<String, String> after) {
        return List.of();
    }

    @Override
    protected TypeSerializer<WeightsSelector> serializer(ServingConfig config) {
        return new SelectorStateSerializer(config);
    }
}
