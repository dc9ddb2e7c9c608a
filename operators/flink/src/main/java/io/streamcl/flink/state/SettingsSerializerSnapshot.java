package io.streamcl.flink.state;

import io.streamcl.flink.config.InvalidSettingException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.runtime.execution.SuppressRestartsException;

/**
 * Base of the snapshots of {@link BinaryStateSerializer}s: the config as settings text. On restore, settings that
 * shape the state must be unchanged; policies may change ({@link #stateShapingChanges}), and the state is then
 * compatible as is (its bytes do not depend on policies). A change of a state-shaping setting fails the job once,
 * without restarts, with one message naming each such setting, its old and new value, and what to do. Subclasses
 * need a public no-argument constructor, which Flink calls before {@link #readSnapshot}.
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

    /**
     * The settings whose change between {@code before} and {@code after} makes state unreadable, as {@code "key: old
     * -> new"}; by default every difference of the parsed configs (no setting is a policy).
     */
    protected List<String> stateShapingChanges(Map<String, String> before, Map<String, String> after) {
        return parse(before).equals(parse(after)) ? List.of() : List.of("settings: " + before + " -> " + after);
    }

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
        Map<String, String> previous = ((SettingsSerializerSnapshot<S, ?>) oldSnapshot).settings;
        List<String> changes = stateShapingChanges(previous, settings);
        if (changes.isEmpty()) {
            return TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
        // Not incompatible(): Flink would answer with a StateMigrationException and restart the job forever.
        throw new SuppressRestartsException(new InvalidSettingException("the savepoint's state was written under "
                + "other state-shaping settings (" + String.join("; ", changes) + "), and such state cannot be "
                + "converted: restore with the old values (-s key=old) or start without the savepoint (fresh state)"));
    }
}
