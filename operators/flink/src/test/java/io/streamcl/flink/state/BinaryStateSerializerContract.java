package io.streamcl.flink.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;

/**
 * Flink's serializer contract ({@link SerializerTestBase}: copies, sequences, snapshot and reconfiguration, Java
 * form, duplicates used concurrently) for a {@link BinaryStateSerializer}, whose states have no equals: two are
 * equal when their binary forms are.
 */
public abstract class BinaryStateSerializerContract<S> extends SerializerTestBase<S> {
    private final Class<S> type;

    protected BinaryStateSerializerContract(Class<S> type, TypeSerializer<S> serializer) {
        super(new DeeplyEqualsChecker().withCustomCheck((a, b) -> type.isInstance(a) && type.isInstance(b),
                (a, b, checker) -> Arrays.equals(bytes(serializer, type.cast(a)), bytes(serializer, type.cast(b)))));
        this.type = type;
    }

    @Override
    protected Class<S> getTypeClass() {
        return type;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    private static <S> byte[] bytes(TypeSerializer<S> serializer, S state) {
        try {
            return StateFixtures.bytes(serializer, state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
