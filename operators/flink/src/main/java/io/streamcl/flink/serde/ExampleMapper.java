package io.streamcl.flink.serde;

import io.streamcl.schemas.DenseFeatures;
import io.streamcl.schemas.Example;
import io.streamcl.schemas.QuantizedFeatures;
import io.streamcl.schemas.Split;
import io.streamcl.schemas.codec.DecodeLimits;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Maps an Avro {@link Example} to a {@link StreamExample} and checks it against the learner's shape: feature
 * count, finite values, label range, a label on every held-out example; the key length is capped by {@link
 * #limits()} at decoding. Each rejection says which field had which value.
 */
public final class ExampleMapper implements RecordMapper<Example, StreamExample> {
    private final int inputs;
    private final int classes;
    private final int maxKeyBytes;

    /** @param maxKeyBytes longest learner key accepted, in UTF-8 bytes */
    public ExampleMapper(int inputs, int classes, int maxKeyBytes) {
        this.inputs = inputs;
        this.classes = classes;
        this.maxKeyBytes = maxKeyBytes;
    }

    /** The largest legal record: the key and either form of the feature vector at most as long as allowed. */
    @Override
    public DecodeLimits limits() {
        return DecodeLimits.NONE.with("key", maxKeyBytes).with("features.values", inputs);
    }

    @Override
    public StreamExample map(Example example, KafkaRecord source) throws InvalidRecordException {
        StreamExample out = map(example);
        out.sourceTopic = source.topic;
        out.sourcePartition = source.partition;
        out.sourceOffset = source.offset;
        return out;
    }

    @Override
    public StreamExample map(Example example) throws InvalidRecordException {
        StreamExample out = new StreamExample();
        out.key = example.getKey();
        if (out.key == null || out.key.isBlank()) {
            throw new InvalidRecordException("key must not be blank, got '" + out.key + "'");
        }

        out.seq = example.getSeq();
        out.eventTime = example.getEventTime().toEpochMilli();
        out.taskId = example.getTaskId();
        if (out.taskId != null && out.taskId < 0) {
            throw new InvalidRecordException("taskId must be >= 0, got " + out.taskId);
        }
        out.eval = example.getSplit() == Split.EVAL;
        if (example.getFeatures() instanceof QuantizedFeatures quantized) {
            keepQuantized(quantized, out);
        } else {
            out.features = dense(example.getFeatures());
        }
        out.label = example.getLabel();
        if (out.eval && out.label == null) {
            throw new InvalidRecordException("label is null, but split is EVAL: a held-out example needs a label");
        }
        if (out.label != null && (out.label < 0 || out.label >= classes)) {
            throw new InvalidRecordException("label must be in [0, " + classes + "), got " + out.label);
        }
        out.target = example.getTarget();
        if (out.target != null && !Double.isFinite(out.target)) {
            throw new InvalidRecordException("target must be finite, got " + out.target);
        }
        return out;
    }

    private float[] dense(Object features) throws InvalidRecordException {
        if (!(features instanceof DenseFeatures dense)) {
            throw new InvalidRecordException("features has unknown type " + features);
        }
        List<Float> list = dense.getValues();
        requireCount(list.size());
        float[] values = new float[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = list.get(i);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new InvalidRecordException("features[" + i + "] must be finite, got " + values[i]);
            }
        }
        return values;
    }

    /** Keeps the 8-bit values as they came: the learner dequantises them where it uses them. */
    private void keepQuantized(QuantizedFeatures quantized, StreamExample out) throws InvalidRecordException {
        float scale = quantized.getScale();
        float offset = quantized.getOffset();
        if (!Float.isFinite(scale) || scale <= 0) {
            throw new InvalidRecordException("features.scale must be positive and finite, got " + scale);
        }
        if (!Float.isFinite(offset)) {
            throw new InvalidRecordException("features.offset must be finite, got " + offset);
        }
        if (!Float.isFinite(offset + scale * 255)) {
            throw new InvalidRecordException("features.offset + 255 * features.scale must be finite, got offset "
                    + offset + " and scale " + scale);
        }
        ByteBuffer bytes = quantized.getValues().duplicate();
        requireCount(bytes.remaining());
        out.quantized = new byte[bytes.remaining()];
        bytes.get(out.quantized);
        out.scale = scale;
        out.offset = offset;
    }

    private void requireCount(int count) throws InvalidRecordException {
        if (count != inputs) {
            throw new InvalidRecordException("features has " + count + " values, the model takes " + inputs);
        }
    }
}
