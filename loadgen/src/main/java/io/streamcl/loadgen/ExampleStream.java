package io.streamcl.loadgen;

import io.streamcl.schemas.Example;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;

/** A finite stream of keyed, sequenced Avro {@link Example}s ready to produce or write; {@link #size()} may be unknown. */
public interface ExampleStream extends Iterator<Example>, AutoCloseable {

    /** Size returned when the number of examples is not known in advance. */
    long UNKNOWN_SIZE = -1;

    /** Total number of examples this stream yields from its start, or {@link #UNKNOWN_SIZE}. */
    long size();

    /**
     * How many examples a run over {@code examples} stopping after {@code limit} will see: the smaller of the two when
     * {@code examples} is an ExampleStream of known size, else {@code limit}, or {@link #UNKNOWN_SIZE} when neither is
     * known ({@code limit} is {@code Long.MAX_VALUE}).
     */
    static long expectedCount(Iterator<Example> examples, long limit) {
        long size = examples instanceof ExampleStream stream ? stream.size() : UNKNOWN_SIZE;
        if (size < 0) {
            return limit == Long.MAX_VALUE ? UNKNOWN_SIZE : limit;
        }
        return Math.min(size, limit);
    }

    /** Releases files or other resources; a no-op for generated streams. */
    @Override
    default void close() {
    }

    /** The scenario's examples for one learner key, stamped with the system clock as they are generated. */
    static ExampleStream of(String key, Scenario scenario) {
        return of(List.of(key), KeyMode.REPLICATED, scenario, Clock.systemUTC());
    }

    /**
     * The scenario's examples for several keys, interleaved round-robin (one example per key in turn), each key with
     * its own sequence numbers from 0; event times come from {@code clock} at generation time.
     */
    static ExampleStream of(List<String> keys, KeyMode mode, Scenario scenario, Clock clock) {
        return new ScenarioExamples(keys, mode, scenario, clock);
    }
}
