package io.streamcl.core.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Float arrays in a binary state form, written and read in bulk: the same big-endian bytes as one {@code writeFloat}
 * per value (so existing state formats are unchanged), but one {@code write} call per chunk instead of four single
 * bytes per value, which is what made snapshots and copy-on-write copies of large learners slow.
 */
public final class FloatArrays {
    /** Values per chunk: 64 KiB of bytes, so a chunk buffer stays small whatever the array. */
    private static final int CHUNK = 16 * 1024;

    private FloatArrays() {}

    /** Writes {@code length} values of {@code values} from {@code offset}. */
    public static void write(DataOutput out, float[] values, int offset, int length) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(4 * Math.min(length, CHUNK));
        for (int done = 0; done < length; ) {
            int n = Math.min(CHUNK, length - done);
            chunk.clear();
            chunk.asFloatBuffer().put(values, offset + done, n);
            out.write(chunk.array(), 0, 4 * n);
            done += n;
        }
    }

    /** Reads {@code length} values written by {@link #write} into {@code values} from {@code offset}. */
    public static void read(DataInput in, float[] values, int offset, int length) throws IOException {
        byte[] chunk = new byte[4 * Math.min(length, CHUNK)];
        for (int done = 0; done < length; ) {
            int n = Math.min(CHUNK, length - done);
            in.readFully(chunk, 0, 4 * n);
            ByteBuffer.wrap(chunk, 0, 4 * n).asFloatBuffer().get(values, offset + done, n);
            done += n;
        }
    }
}
