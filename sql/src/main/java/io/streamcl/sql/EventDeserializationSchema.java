package io.streamcl.sql;

import io.streamcl.schemas.codec.EventCodec;
import java.io.IOException;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one event type's records (any released schema version) into rows. A record that does not decode fails the
 * job with the codec's reason, or with {@code ignore-parse-errors} is skipped: the first 10 are logged with their
 * reason, then every power of two.
 */
final class EventDeserializationSchema implements DeserializationSchema<RowData> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(EventDeserializationSchema.class);

    private final String event;
    private final RowType rowType;
    private final TypeInformation<RowData> producedType;
    private final boolean ignoreParseErrors;
    private transient EventCodec<? extends SpecificRecordBase> codec;
    private transient AvroToRow converter;
    private transient long skipped;

    EventDeserializationSchema(String event, RowType rowType, TypeInformation<RowData> producedType,
            boolean ignoreParseErrors) {
        this.event = event;
        this.rowType = rowType;
        this.producedType = producedType;
        this.ignoreParseErrors = ignoreParseErrors;
    }

    @Override
    public void open(InitializationContext context) {
        Class<? extends SpecificRecordBase> type = EventTypes.named(event);
        codec = EventCodec.of(type);
        converter = AvroToRow.of(type, rowType);
    }

    @Override
    public RowData deserialize(byte[] message) throws IOException {
        try {
            return converter.convert(codec.decode(message));
        } catch (IOException e) {
            if (!ignoreParseErrors) {
                throw new IOException("a record is not a " + event + ": " + e.getMessage() + " (set '"
                        + StreamclAvroFormatFactory.IDENTIFIER + "." + StreamclAvroFormatFactory.IGNORE_PARSE_ERRORS.key()
                        + "' = 'true' to skip such records)", e);
            }
            skipped++;
            if (skipped <= 10 || Long.bitCount(skipped) == 1) {
                LOG.warn("skipped {} record(s) that are not a {}; the latest: {}", skipped, event, e.getMessage());
            }
            return null;
        }
    }

    @Override
    public boolean isEndOfStream(RowData next) {
        return false;
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return producedType;
    }
}
