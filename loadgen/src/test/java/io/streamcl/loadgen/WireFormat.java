package io.streamcl.loadgen;

import io.streamcl.schemas.Example;
import io.streamcl.schemas.codec.EventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The examples topic's wire format for tests, with decoding failures unchecked. */
public final class WireFormat {
    private static final EventCodec<Example> CODEC = EventCodec.of(Example.class);

    private WireFormat() {}

    public static byte[] encode(Example example) {
        return CODEC.encode(example);
    }

    public static Example decode(byte[] bytes) {
        try {
            return CODEC.decode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
