package io.streamcl.flink.learner;

import io.streamcl.core.learner.ContinualLearner;
import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.flink.config.LearnerSettings;
import io.streamcl.flink.state.SettingsSerializerSnapshot;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Snapshot of a {@link LearnerStateSerializer}: the learner config as settings text. A restored job must run the
 * same learner config; a different one is a different model and is reported as incompatible.
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
    protected TypeSerializer<ContinualLearner> serializer(ContinualLearnerConfig config) {
        return new LearnerStateSerializer(config);
    }
}
