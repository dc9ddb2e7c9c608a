package io.streamcl.loadgen.images;

import io.streamcl.loadgen.LoadgenException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/** Reads unsigned-byte tensors in the IDX format of MNIST-style datasets, gzip-compressed or plain. */
final class IdxFile {

    private static final int UNSIGNED_BYTE = 0x08;

    /** The dimensions and the flattened values of one IDX file. */
    record Tensor(int[] shape, byte[] values) {
    }

    private IdxFile() {
    }

    /** Reads {@code path}, requiring {@code rank} dimensions of unsigned bytes. */
    static Tensor read(Path path, int rank) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
                DataInputStream in = new DataInputStream(path.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw)) {
            int magic = in.readInt();
            int type = (magic >>> 8) & 0xFF;
            int dims = magic & 0xFF;
            if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || dims != rank) {
                throw new LoadgenException(path + " is not an IDX file of unsigned bytes with " + rank
                        + " dimensions (magic number 0x" + Integer.toHexString(magic) + ")");
            }
            int[] shape = new int[rank];
            long count = 1;
            for (int i = 0; i < rank; i++) {
                shape[i] = in.readInt();
                count *= shape[i];
            }
            if (count > Integer.MAX_VALUE - 8 || count < 0) {
                throw new LoadgenException(path + " declares an impossible shape " + Arrays.toString(shape));
            }
            byte[] values = new byte[(int) count];
            in.readFully(values);
            return new Tensor(shape, values);
        } catch (java.io.EOFException e) {
            throw new LoadgenException(path + " is truncated: it ends before the values its header declares", e);
        } catch (IOException e) {
            throw new LoadgenException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
