package io.streamcl.flink.learner;

import io.streamcl.core.serving.ServingConfig;
import io.streamcl.core.serving.WeightsSelector;
import io.streamcl.flink.config.ServeSettings;
import io.streamcl.flink.state.BinaryStateSerializer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * Typed Flink serializer of a learner key's {@link WeightsSelector} (which weights serve its predictions): the
 * core's own versioned binary form, kept in a state of its own so the learner's state format stays untouched.
 */
public final class SelectorStateSerializer extends BinaryStateSerializer<WeightsSelector, ServingConfig> {

    public SelectorStateSerializer(ServingConfig config) {
        super(config, ServeSettings.format(config));
    }

    @Override
    protected ServingConfig parse(Map<String, String> settings) {
        return ServeSettings.parse(settings);
    }

    @Override
    public WeightsSelector createInstance() {
        return WeightsSelector.create(config());
    }

    @Override
    protected void write(WeightsSelector state, DataOutput out) throws IOException {
        state.writeTo(out);
    }

    @Override
    protected WeightsSelector read(DataInput in) throws IOException {
        return WeightsSelector.readFrom(in, config());
    }

    @Override
    public TypeSerializerSnapshot<WeightsSelector> snapshotConfiguration() {
        return new SelectorStateSerializerSnapshot(settings());
    }
}
