package io.streamcl.core.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The header every binary state of this package starts with: the kind of state (e.g. {@code cusum}) and its
 * format version, so a state restored into the wrong kind or read by an older build fails with a clear message
 * instead of misreading bytes.
 */
final class StateFormat {
    private StateFormat() {}

    static void writeHeader(DataOutput out, String kind, int version) throws IOException {
        out.writeUTF(kind);
        out.writeInt(version);
    }

    /** Reads a header and fails unless it is {@code kind} at exactly {@code version}. */
    static void readHeader(DataInput in, String kind, int version) throws IOException {
        String found = in.readUTF();
        if (!found.equals(kind)) {
            throw new IOException("expected a " + kind + " state, found a " + found + " state");
        }
        int foundVersion = in.readInt();
        if (foundVersion != version) {
            throw new IOException(kind + " state has format version " + foundVersion + ", this build reads version "
                    + version);
        }
    }
}
