package io.streamcl.flink.learner;

import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.core.learner.ContinualLearner;
import io.streamcl.flink.config.LearnerSettings;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Snapshot of a {@link LearnerStateSerializer}: the learner config as settings text. A restored job must run
 * the same learner config; a different one is a different model and is reported as incompatible.
 */
public final class LearnerStateSerializerSnapshot implements TypeSerializerSnapshot<ContinualLearner> {
    private static final int VERSION = 1;

    private Map<String, String> settings;

    /** For Flink, which instantiates snapshots reflectively before {@link #readSnapshot}. */
    public LearnerStateSerializerSnapshot() {}

    LearnerStateSerializerSnapshot(Map<String, String> settings) {
        this.settings = settings;
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
            throw new IOException("learner state serializer snapshot version " + readVersion
                    + " is unknown to this build (reads " + VERSION + ")");
        }
        int count = in.readInt();
        settings = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            settings.put(in.readUTF(), in.readUTF());
        }
    }

    @Override
    public TypeSerializer<ContinualLearner> restoreSerializer() {
        return new LearnerStateSerializer(LearnerSettings.parse(settings));
    }

    @Override
    public TypeSerializerSchemaCompatibility<ContinualLearner> resolveSchemaCompatibility(
            TypeSerializerSnapshot<ContinualLearner> oldSnapshot) {
        if (!(oldSnapshot instanceof LearnerStateSerializerSnapshot old)) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        ContinualLearnerConfig previous = LearnerSettings.parse(old.settings);
        return previous.equals(LearnerSettings.parse(settings))
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}
