package io.streamcl.flink.learner;

import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.core.learner.ContinualLearner;
import io.streamcl.flink.config.LearnerSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Typed Flink serializer of a learner key's {@link ContinualLearner} (never Kryo). On the wire: an int length, then
 * the core's own versioned binary form, so records can be copied without being parsed. It needs the learner
 * config to rebuild the model; its snapshot stores that config as settings text.
 */
public final class LearnerStateSerializer extends TypeSerializer<ContinualLearner> {
    private final ContinualLearnerConfig config;

    public LearnerStateSerializer(ContinualLearnerConfig config) {
        this.config = config;
    }

    ContinualLearnerConfig config() {
        return config;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<ContinualLearner> duplicate() {
        // Stateless: the config is immutable and every call works on its own streams.
        return this;
    }

    @Override
    public ContinualLearner createInstance() {
        return ContinualLearner.create(config);
    }

    @Override
    public ContinualLearner copy(ContinualLearner from) {
        try {
            return read(bytes(from));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy learner state", e);
        }
    }

    @Override
    public ContinualLearner copy(ContinualLearner from, ContinualLearner reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(ContinualLearner state, DataOutputView target) throws IOException {
        byte[] bytes = bytes(state);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public ContinualLearner deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        return read(bytes);
    }

    @Override
    public ContinualLearner deserialize(ContinualLearner reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LearnerStateSerializer other && config.equals(other.config);
    }

    @Override
    public int hashCode() {
        return config.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<ContinualLearner> snapshotConfiguration() {
        return new LearnerStateSerializerSnapshot(LearnerSettings.format(config));
    }

    private static byte[] bytes(ContinualLearner state) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        state.writeTo(new DataOutputStream(buffer));
        return buffer.toByteArray();
    }

    private ContinualLearner read(byte[] bytes) throws IOException {
        return ContinualLearner.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)), config);
    }
}
