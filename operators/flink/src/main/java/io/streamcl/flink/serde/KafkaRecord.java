package io.streamcl.flink.serde;

/**
 * A Kafka record as it arrived, bytes untouched, with its coordinates: decoding happens downstream so a bad
 * record can be sent to the dead-letter topic instead of failing the source.
 */
public class KafkaRecord {
    public String topic;
    public int partition;
    public long offset;
    public byte[] key;
    public byte[] value;

    /** For Flink's POJO serializer. */
    public KafkaRecord() {}

    public KafkaRecord(String topic, int partition, long offset, byte[] key, byte[] value) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.key = key;
        this.value = value;
    }
}
