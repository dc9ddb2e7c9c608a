package io.streamcl.flink.learner;

import io.streamcl.core.learner.ContinualLearner;
import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.flink.config.LearnerSettings;
import io.streamcl.flink.state.SettingsSerializerSnapshot;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Snapshot of a {@link LearnerStateSerializer}: the learner config as settings text. A restored job may change the
 * learner's policies ({@link LearnerSettings#DEFINITIONS} not marked as shaping state: evaluation cadence and slice,
 * diagnostics period, ...); a change of a state-shaping one (model, optimizer, batch size, replay, held-out capacity,
 * ...) is a different learner and fails the job naming the setting.
 */
public final class LearnerStateSerializerSnapshot
        extends SettingsSerializerSnapshot<ContinualLearner, ContinualLearnerConfig> {

    /** For Flink, which instantiates snapshots reflectively before {@code readSnapshot}. */
    public LearnerStateSerializerSnapshot() {}

    LearnerStateSerializerSnapshot(Map<String, String> settings) {
        super(settings);
    }

    @Override
    protected ContinualLearnerConfig parse(Map<String, String> settings) {
        return LearnerSettings.parse(settings);
    }

    @Override
    protected List<String> stateShapingChanges(Map<String, String> before, Map<String, String> after) {
        return LearnerSettings.stateShapingChanges(before, after);
    }

    @Override
    protected TypeSerializer<ContinualLearner> serializer(ContinualLearnerConfig config) {
        return new LearnerStateSerializer(config);
    }
}
