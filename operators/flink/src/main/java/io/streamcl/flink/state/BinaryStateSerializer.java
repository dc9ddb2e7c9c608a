package io.streamcl.flink.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Base of the typed Flink serializers of state objects that have their own versioned binary form (never Kryo). On
 * the wire: an int length, then that form, so records can be copied without being parsed. The config {@code C}
 * rebuilds a state from its bytes; it is kept as settings text too, which is what the serializer's Java form
 * carries (core configs are not Java-serializable by design) and what its snapshot stores ({@link
 * SettingsSerializerSnapshot}). Serializers are equal when their settings are.
 */
public abstract class BinaryStateSerializer<S, C> extends TypeSerializer<S> {
    private final LinkedHashMap<String, String> settings;
    private transient C config;

    protected BinaryStateSerializer(C config, Map<String, String> settings) {
        this.config = config;
        this.settings = new LinkedHashMap<>(settings);
    }

    /** The config of the states; after Java deserialization, parsed again from the settings. */
    protected final C config() {
        if (config == null) {
            config = parse(settings);
        }
        return config;
    }

    /** The config's settings text. */
    protected final Map<String, String> settings() {
        return settings;
    }

    /** The config these settings describe. */
    protected abstract C parse(Map<String, String> settings);

    /** Writes the state's binary form. */
    protected abstract void write(S state, DataOutput out) throws IOException;

    /** Reads a binary form written by {@link #write} under {@link #config}. */
    protected abstract S read(DataInput in) throws IOException;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<S> duplicate() {
        // Stateless: the config is immutable and every call works on its own streams.
        return this;
    }

    @Override
    public S copy(S from) {
        try {
            return fromBytes(bytes(from));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from.getClass().getSimpleName() + " state", e);
        }
    }

    @Override
    public S copy(S from, S reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(S state, DataOutputView target) throws IOException {
        byte[] bytes = bytes(state);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public S deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        return fromBytes(bytes);
    }

    @Override
    public S deserialize(S reuse, DataInputView source) throws IOException {
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
        return o != null && o.getClass() == getClass() && settings.equals(((BinaryStateSerializer<?, ?>) o).settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    private byte[] bytes(S state) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        write(state, new DataOutputStream(buffer));
        return buffer.toByteArray();
    }

    private S fromBytes(byte[] bytes) throws IOException {
        return read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }
}
