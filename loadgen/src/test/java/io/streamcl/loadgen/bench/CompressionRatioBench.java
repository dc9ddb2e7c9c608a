package io.streamcl.loadgen.bench;

import io.streamcl.loadgen.WireFormat;
import io.streamcl.loadgen.ExampleStream;
import io.streamcl.loadgen.Scenario;
import io.streamcl.loadgen.StreamPlan;
import io.streamcl.loadgen.TaskData;
import io.streamcl.loadgen.images.FashionMnist;
import io.streamcl.loadgen.images.ImageTasks;
import io.streamcl.loadgen.synthetic.GaussianClusters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import net.jpountz.lz4.LZ4Factory;
import org.xerial.snappy.Snappy;

/** How well the Kafka codecs compress 256 KB batches of encoded examples (a bench main, not a test). */
public final class CompressionRatioBench {

    private CompressionRatioBench() {
    }

    public static void main(String[] args) throws IOException {
        FashionMnist fashion = FashionMnist.load();
        Map<String, TaskData> payloads = new LinkedHashMap<>();
        payloads.put("fashion-quantized", ImageTasks.classIncremental(fashion, 2, ImageTasks.naturalClassOrder()));
        payloads.put("fashion-permuted-q", ImageTasks.permuted(fashion, 2));
        payloads.put("fashion-dense", ImageTasks.classIncremental(fashion, 2, ImageTasks.naturalClassOrder()).dense());
        payloads.put("gaussian-20d", GaussianClusters.defaults());
        for (Map.Entry<String, TaskData> payload : payloads.entrySet()) {
            ExampleStream examples = ExampleStream.of("k", Scenario.of(payload.getValue(),
                    StreamPlan.defaults().withExamplesPerTask(100_000)));
            long raw = 0;
            long lz4 = 0;
            long zstd = 0;
            long snappy = 0;
            for (int batch = 0; batch < 40; batch++) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                while (buffer.size() < 256 * 1024) {
                    buffer.write(WireFormat.encode(examples.next()));
                }
                byte[] bytes = buffer.toByteArray();
                raw += bytes.length;
                lz4 += LZ4Factory.fastestInstance().fastCompressor().compress(bytes).length;
                zstd += com.github.luben.zstd.Zstd.compress(bytes, 3).length;
                snappy += Snappy.compress(bytes).length;
            }
            System.out.printf(Locale.ROOT, "%-20s raw/lz4 %.2f  raw/zstd %.2f  raw/snappy %.2f%n", payload.getKey(),
                    (double) raw / lz4, (double) raw / zstd, (double) raw / snappy);
        }
    }
}
