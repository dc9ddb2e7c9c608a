package io.streamcl.tools.export;

import io.streamcl.core.learner.ContinualLearner;
import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.flink.config.LearnerSettings;
import io.streamcl.flink.learner.ContinualLearnerFunction;
import io.streamcl.flink.learner.LearnerStateSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * Reads one key's learner from a savepoint or retained checkpoint with Flink's State Processor API (a local
 * MiniCluster job): the keyed state {@link ContinualLearnerFunction#STATE_NAME} of the operator with the learner's
 * uid, through the job's own {@link LearnerStateSerializer}, whose snapshot check names any state-shaping setting
 * that differs from the one the state was written under.
 */
final class LearnerStateReader {
    private LearnerStateReader() {}

    /** The learner of {@code key}, written under {@code settings}; fails naming the key when it has none. */
    static ContinualLearner read(String path, String uid, String key, Map<String, String> settings) throws Exception {
        ContinualLearnerConfig config = LearnerSettings.parse(settings);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        SavepointReader savepoint = SavepointReader.read(env, path, new HashMapStateBackend());
        List<byte[]> found;
        try {
            found = savepoint.readKeyedState(OperatorIdentifier.forUid(uid),
                            new KeyReader(key, new LinkedHashMap<>(LearnerSettings.format(config))), Types.STRING,
                            PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                    .executeAndCollect(2);
        } catch (Exception e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            // the root cause names what is wrong (e.g. a state-shaping setting that differs); Flink's wrappers do not
            throw new IOException("cannot read the learner state of " + path + " (operator uid " + uid + "): "
                    + cause.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw new IOException("no learner for key '" + key + "' in " + path + " (operator uid " + uid + ")");
        }
        return ContinualLearner.readFrom(new DataInputStream(new ByteArrayInputStream(found.get(0))), config);
    }

    /** Emits the learner bytes of one key; the bytes, not the object, cross back to the client. */
    private static final class KeyReader extends KeyedStateReaderFunction<String, byte[]> {
        private final String key;
        private final LinkedHashMap<String, String> settings;
        private transient ValueState<ContinualLearner> learner;

        KeyReader(String key, LinkedHashMap<String, String> settings) {
            this.key = key;
            this.settings = settings;
        }

        @Override
        public void open(OpenContext context) {
            learner = getRuntimeContext().getState(new ValueStateDescriptor<>(ContinualLearnerFunction.STATE_NAME,
                    new LearnerStateSerializer(LearnerSettings.parse(settings))));
        }

        @Override
        public void readKey(String k, Context context, Collector<byte[]> out) throws Exception {
            ContinualLearner value = learner.value();
            if (k.equals(key) && value != null) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                value.writeTo(new DataOutputStream(bytes));
                out.collect(bytes.toByteArray());
            }
        }
    }
}
