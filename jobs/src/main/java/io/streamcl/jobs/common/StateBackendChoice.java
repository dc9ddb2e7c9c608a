package io.streamcl.jobs.common;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import picocli.CommandLine;

/**
 * The keyed state backends a job can be told to use ({@code --state-backend}): {@code hashmap} keeps state as objects
 * on the TaskManager heap, {@code rocksdb} keeps it serialized in an embedded RocksDB on local disk and checkpoints
 * incrementally (only the files written since the last checkpoint are uploaded).
 */
public enum StateBackendChoice {
    HASHMAP,
    ROCKSDB;

    /** The option's value, as Flink's {@code state.backend.type} spells it. */
    public String flinkName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Sets this backend (and, for RocksDB, incremental checkpoints) in {@code conf}. */
    void applyTo(Configuration conf) {
        conf.set(StateBackendOptions.STATE_BACKEND, flinkName());
        if (this == ROCKSDB) {
            conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        }
    }

    /** Parses the option's value in any case; an unknown one is a usage error listing the known ones. */
    public static final class Converter implements CommandLine.ITypeConverter<StateBackendChoice> {
        @Override
        public StateBackendChoice convert(String value) {
            return Arrays.stream(values()).filter(b -> b.flinkName().equalsIgnoreCase(value)).findFirst()
                    .orElseThrow(() -> new CommandLine.TypeConversionException("'" + value + "' is not a state backend; use "
                            + Arrays.stream(values()).map(StateBackendChoice::flinkName).collect(Collectors.joining(" or "))));
        }
    }
}
