package io.streamcl.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamcl.schemas.Example;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Decodes the committed golden records of every released schema version with today's codecs, so a change that
 * stops old producers' bytes from decoding fails the build.
 */
class GoldenRecordsTest {

    @Test
    void everyReleasedGoldenRecordDecodes() throws IOException {
        for (String version : EventCodec.RELEASED_VERSIONS) {
            for (Map.Entry<Class<? extends SpecificRecordBase>, SpecificRecordBase> sample : SampleEvents.all().entrySet()) {
                byte[] golden = read("/golden/" + version + "/" + sample.getKey().getSimpleName() + ".bin");
                SpecificRecordBase decoded = EventCodec.of(sample.getKey()).decode(golden);
                assertThat(decoded).as("%s %s", version, sample.getKey().getSimpleName())
                        .isEqualTo(asWrittenBy(version, sample.getValue()));
            }
        }
    }

    @Test
    void roundTripsAndRejectsGarbageWithAMessage() throws IOException {
        EventCodec<Example> codec = EventCodec.of(Example.class);
        assertThat(codec.decode(codec.encode(SampleEvents.example()))).isEqualTo(SampleEvents.example());
        assertThatThrownBy(() -> codec.decode(new byte[] {1, 2, 3})).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> codec.decode(null)).hasMessageContaining("tombstone");
    }

    /**
     * The sample as a reader sees it when a writer of {@code version} wrote it: fields added after that version
     * hold their defaults. Fields are only ever added at the top level of a schema, so the top level is enough.
     */
    private static SpecificRecordBase asWrittenBy(String version, SpecificRecordBase sample) {
        Schema writer = EventCodec.history(sample.getClass()).get(EventCodec.RELEASED_VERSIONS.indexOf(version));
        SpecificRecordBase expected = SpecificData.get().deepCopy(sample.getSchema(), sample);
        for (Schema.Field field : sample.getSchema().getFields()) {
            if (writer.getField(field.name()) == null) {
                expected.put(field.pos(), SpecificData.get().getDefaultValue(field));
            }
        }
        return expected;
    }

    /** Writes the golden files of the newest version; run by hand once per released schema version. */
    @Disabled("generator: run manually when releasing a new schema version")
    @Test
    void writeGoldenFiles() throws IOException {
        String version = EventCodec.RELEASED_VERSIONS.get(EventCodec.RELEASED_VERSIONS.size() - 1);
        Path dir = Path.of("src/test/resources/golden", version);
        Files.createDirectories(dir);
        for (Map.Entry<Class<? extends SpecificRecordBase>, SpecificRecordBase> sample : SampleEvents.all().entrySet()) {
            write(dir.resolve(sample.getKey().getSimpleName() + ".bin"), sample.getKey(), sample.getValue());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecordBase> void write(Path file, Class<T> type, SpecificRecordBase record)
            throws IOException {
        Files.write(file, EventCodec.of(type).encode((T) record));
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = GoldenRecordsTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("golden file %s", resource).isNotNull();
            return in.readAllBytes();
        }
    }
}
