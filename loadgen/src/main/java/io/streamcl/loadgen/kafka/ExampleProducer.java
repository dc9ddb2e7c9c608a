package io.streamcl.loadgen.kafka;

import io.streamcl.loadgen.Check;
import io.streamcl.loadgen.ExampleStream;
import io.streamcl.loadgen.LoadgenException;
import io.streamcl.loadgen.progress.ProgressListener;
import io.streamcl.loadgen.progress.ProgressTracker;
import io.streamcl.loadgen.progress.ThroughputReport;
import io.streamcl.schemas.Example;
import io.streamcl.schemas.codec.EventCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces {@link Example}s to a Kafka topic at a chosen rate (or as fast as the broker takes them), with the learner
 * key as the UTF-8 record key, the event time as the record timestamp and the Avro single-object encoding as the value.
 *
 * <pre>{@code
 * Scenario scenario = Scenario.of(GaussianClusters.defaults().withTasks(3),
 *         StreamPlan.defaults().withSeed(7).withExamplesPerTask(2_000));
 * try (ExampleProducer producer = ExampleProducer.builder("127.0.0.1:9092", "examples")
 *         .rate(5_000)                                   // examples per second; omit for unlimited
 *         .progress(ProgressPrinter.to(System.err))
 *         .build()) {
 *     ThroughputReport report = producer.send(ExampleStream.of("learner-0", scenario));
 *     System.err.println(report);                        // 6,000 examples ... examples/s
 * }
 * }</pre>
 *
 * <p>{@code send} runs on the calling thread and returns once every record is acknowledged; {@link #stop()} may be
 * called from another thread (e.g. a shutdown hook) to end it early. One send at a time per producer.
 */
public final class ExampleProducer implements AutoCloseable {
    private static final EventCodec<Example> CODEC = EventCodec.of(Example.class);

    /**
     * Producer settings used unless overridden. Large batches are what matters: Kafka's defaults (16 KB, 5 ms) were 2-3x
     * slower for 830-byte images; lz4 costs little CPU and shrinks pixel batches 1.6x (dense floats 2.7x); acks=all
     * with idempotence keeps every key's examples complete and in order. Measurements are in the module README.
     */
    public static final Map<String, Object> DEFAULT_SETTINGS = Map.of(
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.LINGER_MS_CONFIG, 20,
            ProducerConfig.BATCH_SIZE_CONFIG, 1024 * 1024,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
            ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024,
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000,
            ProducerConfig.CLIENT_ID_CONFIG, "streamcl-loadgen");

    private final String topic;
    private final String bootstrapServers;
    private final double rate;
    private final ProgressListener progress;
    private final Duration progressInterval;
    private final Producer<String, byte[]> producer;
    private volatile boolean stopRequested;

    private ExampleProducer(Builder b) {
        this.topic = b.topic;
        this.bootstrapServers = b.bootstrapServers;
        this.rate = b.rate;
        this.progress = b.progress;
        this.progressInterval = b.progressInterval;
        Map<String, Object> config = new HashMap<>(DEFAULT_SETTINGS);
        config.putAll(b.settings);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try {
            this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        } catch (KafkaException e) {
            throw new LoadgenException("cannot create a Kafka producer for " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    /** A builder for a producer to {@code topic} at {@code bootstrapServers} (host:port[,host:port...]). */
    public static Builder builder(String bootstrapServers, String topic) {
        return new Builder(bootstrapServers, topic);
    }

    /** Sends every example of {@code examples}. */
    public ThroughputReport send(Iterator<Example> examples) {
        return send(examples, Long.MAX_VALUE, null);
    }

    /** Sends at most {@code maxExamples} examples. */
    public ThroughputReport send(Iterator<Example> examples, long maxExamples) {
        return send(examples, maxExamples, null);
    }

    /**
     * Sends examples until the iterator ends, {@code maxExamples} are sent, {@code maxDuration} (if not null) has
     * passed, or {@link #stop()} is called; then waits for all acknowledgements. When {@code examples} is an
     * {@link ExampleStream} its size feeds the progress percentage and ETA.
     *
     * @return the achieved throughput, counting only acknowledged examples
     * @throws LoadgenException when the broker rejects or never acknowledges a record
     */
    public ThroughputReport send(Iterator<Example> examples, long maxExamples, Duration maxDuration) {
        Check.atLeast("total", maxExamples, 0);
        stopRequested = false;
        awaitTopicMetadata();
        // Generate the first example before the clock starts: loading and compiling the generator can take a second,
        // which would otherwise count against the rate and the duration.
        Example first = maxExamples > 0 && examples.hasNext() ? examples.next() : null;
        ProgressTracker tracker = new ProgressTracker(progress, progressInterval,
                ExampleStream.expectedCount(examples, maxExamples),
                maxDuration);
        long deadline = maxDuration == null ? Long.MAX_VALUE : System.nanoTime() + maxDuration.toNanos();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Callback onAck = (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        };
        Pacer pacer = new Pacer(rate);
        boolean stopped = false;
        try {
            while (tracker.examples() < maxExamples && (first != null || examples.hasNext())) {
                if (stopRequested || System.nanoTime() >= deadline) {
                    stopped = true;
                    break;
                }
                pacer.awaitNext();
                throwIfFailed(failure, tracker.examples());
                Example example = first != null ? first : examples.next();
                first = null;
                byte[] value = CODEC.encode(example);
                producer.send(new ProducerRecord<>(topic, null, example.getEventTime().toEpochMilli(), example.getKey(),
                        value), onAck);
                tracker.add(value.length);
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
            producer.flush();
        } catch (KafkaException e) {
            throw failed(e, tracker.examples());
        }
        throwIfFailed(failure, tracker.examples());
        return tracker.finish(stopped);
    }

    /**
     * Fetches the topic's partitions before the clock starts, so the rate and the duration limit are not eaten by the
     * first send blocking on metadata, and a missing topic fails before any example is generated.
     */
    private void awaitTopicMetadata() {
        try {
            producer.partitionsFor(topic);
        } catch (KafkaException e) {
            throw failed(e, 0);
        }
    }

    /** Ends a running {@code send} after the current example; it still waits for outstanding acknowledgements. */
    public void stop() {
        stopRequested = true;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }

    private void throwIfFailed(AtomicReference<Exception> failure, long sent) {
        Exception e = failure.get();
        if (e != null) {
            throw failed(e, sent);
        }
    }

    private LoadgenException failed(Exception e, long sent) {
        return new LoadgenException("producing to topic '" + topic + "' at " + bootstrapServers + " failed after "
                + sent + " examples were sent: " + e.getMessage()
                + " (is the broker running, and does the topic exist? --create-topic creates it)", e);
    }

    /** Configures an {@link ExampleProducer}. */
    public static final class Builder {
        private final String bootstrapServers;
        private final String topic;
        private final Map<String, Object> settings = new HashMap<>();
        private double rate;
        private ProgressListener progress = ProgressListener.none();
        private Duration progressInterval = Duration.ofSeconds(1);

        private Builder(String bootstrapServers, String topic) {
            this.bootstrapServers = requireText("bootstrap-servers", bootstrapServers);
            this.topic = requireText("topic", topic);
        }

        /** Target rate in examples per second; the default is unlimited. */
        public Builder rate(double examplesPerSecond) {
            this.rate = Check.positive("rate", examplesPerSecond);
            return this;
        }

        /** No rate limit: as fast as the producer and broker go (the default). */
        public Builder unlimitedRate() {
            this.rate = 0;
            return this;
        }

        /** Where progress goes; the default is nowhere. */
        public Builder progress(ProgressListener listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** How often progress is reported; default 1 s. */
        public Builder progressInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("progress-interval must be positive, was " + interval);
            }
            this.progressInterval = interval;
            return this;
        }

        /** Overrides a Kafka producer setting (see {@link #DEFAULT_SETTINGS}); serializers cannot be changed. */
        public Builder setting(String name, Object value) {
            if (name.equals(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG)
                    || name.equals(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG)) {
                throw new IllegalArgumentException("producer setting " + name + " is fixed by loadgen");
            }
            settings.put(name, value);
            return this;
        }

        /** Connects the producer (no network traffic until the first send). */
        public ExampleProducer build() {
            return new ExampleProducer(this);
        }

        private static String requireText(String name, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be empty, was '" + value + "'");
            }
            return value;
        }
    }
}
