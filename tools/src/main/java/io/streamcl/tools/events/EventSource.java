package io.streamcl.tools.events;

import java.io.IOException;

/** Where events come from: a topic or an Avro container file. */
public interface EventSource extends AutoCloseable {

    /**
     * Hands every record to {@code sink}, in order, until the source ends, {@code limit} records were read, or
     * {@link #stop()} is called from another thread (a followed topic ends only so).
     */
    void readInto(EventSink sink, long limit) throws IOException;

    /** Makes a running {@link #readInto} return soon; safe to call from any thread. */
    void stop();

    /** Releases the source; call from the thread that read. */
    @Override
    void close() throws IOException;
}
