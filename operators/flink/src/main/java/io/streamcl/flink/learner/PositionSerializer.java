package io.streamcl.flink.learner;

import io.streamcl.core.learner.Position;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Typed serializer of a learner key's {@link Position} counting its queued examples: a format byte, the task
 * ({@link Integer#MIN_VALUE} for none), the pending examples and the ended flag; 10 bytes a key.
 */
public final class PositionSerializer extends TypeSerializerSingleton<Position> {
    private static final long serialVersionUID = 1L;
    /** The form above; a reader refuses others with a message instead of misreading them. */
    static final int FORMAT = 1;
    private static final int NO_TASK = Integer.MIN_VALUE;

    public static final PositionSerializer INSTANCE = new PositionSerializer();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public Position createInstance() {
        return new Position(null, 0, false);
    }

    @Override
    public Position copy(Position from) {
        return from;
    }

    @Override
    public Position copy(Position from, Position reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return 10;
    }

    @Override
    public void serialize(Position p, DataOutputView out) throws IOException {
        out.writeByte(FORMAT);
        out.writeInt(p.task() == null ? NO_TASK : p.task());
        out.writeInt(p.pending());
        out.writeBoolean(p.ended());
    }

    @Override
    public Position deserialize(DataInputView in) throws IOException {
        int format = in.readByte();
        if (format != FORMAT) {
            throw new IOException("learner position state has format " + format + ", this build reads " + FORMAT);
        }
        int task = in.readInt();
        return new Position(task == NO_TASK ? null : task, in.readInt(), in.readBoolean());
    }

    @Override
    public Position deserialize(Position reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        out.write(in, getLength());
    }

    @Override
    public TypeSerializerSnapshot<Position> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of the serializer, which has no configuration. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Position> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
