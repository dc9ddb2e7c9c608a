package io.streamcl.sql;

import io.streamcl.schemas.codec.EventCodec;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/** Writes rows as one event type's records in the current schema version, as the StreamCL jobs write them. */
final class EventSerializationSchema implements SerializationSchema<RowData> {
    private static final long serialVersionUID = 1L;

    private final String event;
    private final RowType rowType;
    private transient Encoder encoder;

    EventSerializationSchema(String event, RowType rowType) {
        this.event = event;
        this.rowType = rowType;
    }

    @Override
    public void open(InitializationContext context) {
        encoder = new Encoder(EventTypes.named(event), rowType);
    }

    @Override
    public byte[] serialize(RowData row) {
        return encoder.encode(row);
    }

    /** The codec and converter of one event type, typed together. */
    private static final class Encoder {
        private final EventCodec<SpecificRecordBase> codec;
        private final RowToAvro converter;

        @SuppressWarnings("unchecked")
        Encoder(Class<? extends SpecificRecordBase> type, RowType rowType) {
            this.codec = EventCodec.of((Class<SpecificRecordBase>) type);
            this.converter = RowToAvro.of(type, rowType);
        }

        byte[] encode(RowData row) {
            return codec.encode(converter.convert(row));
        }
    }
}
