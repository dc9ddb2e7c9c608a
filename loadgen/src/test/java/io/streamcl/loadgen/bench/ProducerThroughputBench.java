package io.streamcl.loadgen.bench;

import io.streamcl.deploy.kafka.LocalKafka;
import io.streamcl.loadgen.WireFormat;
import io.streamcl.loadgen.ExampleStream;
import io.streamcl.loadgen.Scenario;
import io.streamcl.loadgen.StreamPlan;
import io.streamcl.loadgen.TaskData;
import io.streamcl.loadgen.images.FashionMnist;
import io.streamcl.loadgen.images.ImageTasks;
import io.streamcl.loadgen.kafka.ExampleProducer;
import io.streamcl.loadgen.progress.ThroughputReport;
import io.streamcl.loadgen.synthetic.GaussianClusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures producer throughput to a real local broker for several producer settings and payloads (a bench main,
 * not a test): each setting runs three times after a warm-up and the best and median rates are printed, because a
 * shared 2-core machine makes single runs noisy. Run:
 * {@code java -cp <test classpath> io.streamcl.loadgen.bench.ProducerThroughputBench [examples] [c2]}.
 */
public final class ProducerThroughputBench {

    private ProducerThroughputBench() {
    }

    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 200_000;
        boolean c2 = args.length > 1 && args[1].equals("c2");
        FashionMnist fashion = FashionMnist.load();
        Map<String, TaskData> payloads = new LinkedHashMap<>();
        payloads.put("fashion-quantized", ImageTasks.classIncremental(fashion, 2, ImageTasks.naturalClassOrder()));
        payloads.put("fashion-dense", ImageTasks.classIncremental(fashion, 2, ImageTasks.naturalClassOrder()).dense());
        payloads.put("gaussian-20d", GaussianClusters.defaults());

        Map<String, Map<String, Object>> settings = new LinkedHashMap<>();
        settings.put("kafka-defaults", Map.of("linger.ms", 5, "batch.size", 16_384, "compression.type", "none"));
        settings.put("batch256k-lz4-linger10", Map.of("batch.size", 256 * 1024, "linger.ms", 10));
        settings.put("batch1m-none", Map.of("compression.type", "none"));
        settings.put("batch1m-lz4 (loadgen)", Map.of());
        settings.put("batch1m-zstd", Map.of("compression.type", "zstd"));
        settings.put("batch1m-snappy", Map.of("compression.type", "snappy"));
        settings.put("batch1m-lz4-acks1", Map.of("acks", "1", "enable.idempotence", false));

        LocalKafka.Builder broker = LocalKafka.builder().heap("1g");
        if (c2) {
            broker.jvmOption("-XX:TieredStopAtLevel=4"); // C2 for the broker; it starts with C1 only
        }
        try (LocalKafka kafka = broker.start()) {
            for (Map.Entry<String, TaskData> payload : payloads.entrySet()) {
                long perPayload = payload.getKey().contains("dense") ? n / 4 : n;
                Scenario scenario = Scenario.of(payload.getValue(), StreamPlan.defaults().withExamplesPerTask(4 * n));
                System.out.printf(Locale.ROOT, "%-20s %-26s %12s %12s %8s %10s%n", "payload", "settings",
                        "best ex/s", "median ex/s", "MB/s", "B/example");
                System.out.printf(Locale.ROOT, "%-20s %-26s %,12.0f%n", payload.getKey(), "encode only (no Kafka)",
                        encodeOnly(scenario, perPayload));
                int run = 0;
                for (Map.Entry<String, Map<String, Object>> setting : settings.entrySet()) {
                    String topic = payload.getKey() + "-" + run++;
                    kafka.createTopic(topic, 1);
                    ExampleProducer.Builder b = ExampleProducer.builder(kafka.bootstrapServers(), topic);
                    setting.getValue().forEach(b::setting);
                    List<ThroughputReport> runs = new ArrayList<>();
                    try (ExampleProducer producer = b.build()) {
                        producer.send(ExampleStream.of("warm-up", scenario), perPayload / 10);
                        for (int i = 0; i < 3; i++) {
                            runs.add(producer.send(ExampleStream.of("bench-" + i, scenario), perPayload));
                        }
                    }
                    runs.sort(Comparator.comparingDouble(ThroughputReport::examplesPerSecond));
                    ThroughputReport best = runs.get(2);
                    System.out.printf(Locale.ROOT, "%-20s %-26s %,12.0f %,12.0f %8.1f %10.0f%n", payload.getKey(),
                            setting.getKey(), best.examplesPerSecond(), runs.get(1).examplesPerSecond(),
                            best.megabytesPerSecond(), best.bytesPerExample());
                }
            }
        }
    }

    private static double encodeOnly(Scenario scenario, long n) {
        long bytes = 0;
        ExampleStream warm = ExampleStream.of(List.of("w"), io.streamcl.loadgen.KeyMode.REPLICATED, scenario,
                java.time.Clock.systemUTC());
        for (long i = 0; i < n / 10; i++) {
            bytes += WireFormat.encode(warm.next()).length;
        }
        ExampleStream examples = ExampleStream.of("e", scenario);
        long start = System.nanoTime();
        for (long i = 0; i < n; i++) {
            bytes += WireFormat.encode(examples.next()).length;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return bytes > 0 ? n / seconds : 0;
    }
}
