package io.streamcl.flink.serde;

import io.streamcl.core.state.Features;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A decoded, validated input example, as it flows from the decoder to the learner. Features travel in the form
 * they arrived in: 8-bit {@link #quantized} values with a {@link #scale} and {@link #offset} (a quarter of the
 * bytes of floats), or dense {@link #features}; {@link #featuresInto} turns either into model inputs where they are
 * used. Flink moves it with {@link StreamExampleSerializer}, never Kryo or the POJO serializer.
 */
@TypeInfo(StreamExampleTypeInfo.Factory.class)
public class StreamExample {
    public String key;
    public long seq;
    public long eventTime;
    /** Null for task-free streams. */
    public Integer taskId;
    /** True when the producer held the example out for evaluation. */
    public boolean eval;
    /** Dense features, or null when the example carries {@link #quantized} ones. */
    public float[] features;
    /** 8-bit features (value = offset + scale * unsigned byte), or null when the example carries dense ones. */
    public byte[] quantized;
    public float scale;
    public float offset;
    /** Null when unlabeled. */
    public Integer label;
    /** Null unless a regression target was given. */
    public Double target;
    /** Where the example was read from, so a learner can still dead-letter it with its provenance. */
    public String sourceTopic;
    public int sourcePartition;
    public long sourceOffset;

    public StreamExample() {}

    /** The model inputs: the dense features themselves, or the 8-bit ones dequantised into {@code buffer}. */
    public float[] featuresInto(float[] buffer) {
        if (quantized == null) {
            return features;
        }
        Features.quantized(quantized, scale, offset).copyInto(buffer, 0);
        return buffer;
    }

    /** The features in their arrival form, through {@code view} (re-pointed at this example's arrays and returned). */
    public Features featuresView(Features view) {
        return quantized != null ? view.setQuantized(quantized, scale, offset) : view.setDense(features);
    }

    /** Feature count in either form. */
    public int featureCount() {
        return quantized != null ? quantized.length : features.length;
    }
}
