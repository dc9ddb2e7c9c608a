package io.streamcl.flink.learner;

import io.streamcl.flink.config.KeyRoutes;
import io.streamcl.flink.metrics.DeadLetterMetrics;
import io.streamcl.flink.serde.DeadLetters;
import io.streamcl.flink.serde.KafkaRecord;
import io.streamcl.flink.serde.StreamExample;
import io.streamcl.schemas.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends each example to the configuration its key routes to ({@link KeyRoutes}), as the side output {@link
 * #examplesFor} of that configuration; an example whose key no rule matches becomes a dead letter (the main
 * output), so a key never trains a configuration it was not given to. Stateless.
 */
public final class KeyRouter extends ProcessFunction<StreamExample, DeadLetter> {
    private final KeyRoutes routes;
    private transient Map<String, OutputTag<StreamExample>> tags;
    private transient DeadLetterMetrics deadLetters;

    public KeyRouter(KeyRoutes routes) {
        this.routes = routes;
    }

    /** The examples routed to the configuration {@code name}. */
    public static OutputTag<StreamExample> examplesFor(String name) {
        return new OutputTag<>("examples-" + name, TypeInformation.of(StreamExample.class));
    }

    @Override
    public void open(OpenContext context) {
        tags = new HashMap<>();
        deadLetters = new DeadLetterMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(StreamExample example, Context ctx, Collector<DeadLetter> out) {
        String name = routes.configurationOf(example.key);
        if (name != null) {
            ctx.output(tags.computeIfAbsent(name, KeyRouter::examplesFor), example);
            return;
        }
        KafkaRecord source = new KafkaRecord(example.sourceTopic, example.sourcePartition, example.sourceOffset,
                example.key.getBytes(StandardCharsets.UTF_8), null);
        DeadLetter letter = DeadLetters.of(source, "unrouted-key", "key '" + example.key
                + "' matches no --config-for rule " + routes + " (the value is not kept: the router sees decoded"
                + " examples only)");
        deadLetters.count(letter);
        out.collect(letter);
    }
}
