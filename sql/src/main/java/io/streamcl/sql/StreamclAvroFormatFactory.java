package io.streamcl.sql;

import java.util.Set;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.factories.SerializationFormatFactory;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

/**
 * The Flink SQL format {@code 'streamcl-avro'}: StreamCL events in Avro single-object encoding, read with every
 * released schema version ({@code EventCodec}) and written with the current one. Columns are matched to the event's
 * fields by name, at every nesting level, so a table may declare any subset of the fields (writing needs every field
 * that has no default).
 */
public final class StreamclAvroFormatFactory implements DeserializationFormatFactory, SerializationFormatFactory {
    public static final String IDENTIFIER = "streamcl-avro";

    public static final ConfigOption<String> EVENT = ConfigOptions.key("event").stringType().noDefaultValue()
            .withDescription("The event type of the topic: " + EventTypes.names() + ".");

    public static final ConfigOption<Boolean> IGNORE_PARSE_ERRORS = ConfigOptions.key("ignore-parse-errors")
            .booleanType().defaultValue(false)
            .withDescription("Skip records that do not decode (logged at WARN with the reason) instead of failing "
                    + "the job.");

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(EVENT);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(IGNORE_PARSE_ERRORS);
    }

    @Override
    public DecodingFormat<DeserializationSchema<RowData>> createDecodingFormat(DynamicTableFactory.Context context,
            ReadableConfig options) {
        FactoryUtil.validateFactoryOptions(this, options);
        String event = EventTypes.named(options.get(EVENT)).getSimpleName();
        boolean ignoreParseErrors = options.get(IGNORE_PARSE_ERRORS);
        return new DecodingFormat<>() {
            @Override
            public DeserializationSchema<RowData> createRuntimeDecoder(DynamicTableSource.Context source,
                    DataType physicalType) {
                RowType rowType = (RowType) physicalType.getLogicalType();
                AvroToRow.check(EventTypes.named(event), rowType);
                return new EventDeserializationSchema(event, rowType, source.createTypeInformation(physicalType),
                        ignoreParseErrors);
            }

            @Override
            public ChangelogMode getChangelogMode() {
                return ChangelogMode.insertOnly();
            }
        };
    }

    @Override
    public EncodingFormat<SerializationSchema<RowData>> createEncodingFormat(DynamicTableFactory.Context context,
            ReadableConfig options) {
        FactoryUtil.validateFactoryOptions(this, options);
        String event = EventTypes.named(options.get(EVENT)).getSimpleName();
        return new EncodingFormat<>() {
            @Override
            public SerializationSchema<RowData> createRuntimeEncoder(DynamicTableSink.Context sink,
                    DataType physicalType) {
                RowType rowType = (RowType) physicalType.getLogicalType();
                RowToAvro.check(EventTypes.named(event), rowType);
                return new EventSerializationSchema(event, rowType);
            }

            @Override
            public ChangelogMode getChangelogMode() {
                return ChangelogMode.insertOnly();
            }
        };
    }
}
