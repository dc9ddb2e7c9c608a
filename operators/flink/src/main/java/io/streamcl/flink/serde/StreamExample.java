package io.streamcl.flink.serde;

/** A decoded, validated input example, as it flows from the decoder to the learner (a Flink POJO). */
public class StreamExample {
    public String key;
    public long seq;
    public long eventTime;
    /** Null for task-free streams. */
    public Integer taskId;
    /** True when the producer held the example out for evaluation. */
    public boolean eval;
    public float[] features;
    /** Null when unlabeled. */
    public Integer label;
    /** Null unless a regression target was given. */
    public Double target;
    /** Where the example was read from, so a learner can still dead-letter it with its provenance. */
    public String topic;
    public int partition;
    public long offset;

    /** For Flink's POJO serializer. */
    public StreamExample() {}
}
