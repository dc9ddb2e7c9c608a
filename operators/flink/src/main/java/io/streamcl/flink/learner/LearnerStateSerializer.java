package io.streamcl.flink.learner;

import io.streamcl.core.learner.ContinualLearner;
import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.core.model.NativeBackend;
import io.streamcl.flink.config.LearnerSettings;
import io.streamcl.flink.state.BinaryStateSerializer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * Typed Flink serializer of a learner key's {@link ContinualLearner}: the core's own versioned binary form. It
 * needs the learner config to rebuild the model; its snapshot stores that config as settings text.
 */
public final class LearnerStateSerializer extends BinaryStateSerializer<ContinualLearner, ContinualLearnerConfig> {

    public LearnerStateSerializer(ContinualLearnerConfig config) {
        super(config, LearnerSettings.format(config));
    }

    @Override
    protected ContinualLearnerConfig parse(Map<String, String> settings) {
        return LearnerSettings.parse(settings);
    }

    @Override
    public ContinualLearner createInstance() {
        return ContinualLearner.create(config());
    }

    @Override
    protected void write(ContinualLearner state, DataOutput out) throws IOException {
        state.writeTo(out);
    }

    /** Restores come before the function's open(): the natives load here first, off the interruptible task thread. */
    @Override
    protected ContinualLearner read(DataInput in) throws IOException {
        try {
            NativeBackend.load();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the native OpenBLAS loads");
        }
        return ContinualLearner.readFrom(in, config());
    }

    @Override
    public TypeSerializerSnapshot<ContinualLearner> snapshotConfiguration() {
        return new LearnerStateSerializerSnapshot(settings());
    }
}
