package io.streamcl.flink.state;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Base of the snapshots of {@link BinaryStateSerializer}s: the config as settings text. A restored job must run the
 * same config; a different one reads the state differently and is reported as incompatible. Subclasses need a
 * public no-argument constructor, which Flink calls before {@link #readSnapshot}.
 */
public abstract class SettingsSerializerSnapshot<S, C> implements TypeSerializerSnapshot<S> {
    private static final int VERSION = 1;

    private Map<String, String> settings;

    protected SettingsSerializerSnapshot() {}

    protected SettingsSerializerSnapshot(Map<String, String> settings) {
        this.settings = settings;
    }

    /** The config these settings describe. */
    protected abstract C parse(Map<String, String> settings);

    /** The serializer of states under {@code config}. */
    protected abstract TypeSerializer<S> serializer(C config);

    @Override
    public int getCurrentVersion() {
        return VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeInt(settings.size());
        for (Map.Entry<String, String> e : settings.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
        if (readVersion != VERSION) {
            throw new IOException(getClass().getSimpleName() + " version " + readVersion
                    + " is unknown to this build (reads " + VERSION + ")");
        }
        int count = in.readInt();
        settings = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            settings.put(in.readUTF(), in.readUTF());
        }
    }

    @Override
    public TypeSerializer<S> restoreSerializer() {
        return serializer(parse(settings));
    }

    @Override
    public TypeSerializerSchemaCompatibility<S> resolveSchemaCompatibility(TypeSerializerSnapshot<S> oldSnapshot) {
        if (oldSnapshot.getClass() != getClass()) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        C previous = parse(((SettingsSerializerSnapshot<S, ?>) oldSnapshot).settings);
        return previous.equals(parse(settings))
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}
