package io.streamcl.flink.learner;

import io.streamcl.core.learner.Position;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's serializer contract for {@link PositionSerializer}: before any task, mid-batch, and after the end. */
class PositionSerializerTest extends SerializerTestBase<Position> {
    @Override
    protected TypeSerializer<Position> createSerializer() {
        return PositionSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return 10;
    }

    @Override
    protected Class<Position> getTypeClass() {
        return Position.class;
    }

    @Override
    protected Position[] getTestData() {
        return new Position[] {new Position(null, 0, false), new Position(3, 17, false), new Position(-4, 0, true)};
    }
}
