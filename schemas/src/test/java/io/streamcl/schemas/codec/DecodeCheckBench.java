package io.streamcl.schemas.codec;

import io.streamcl.schemas.DenseFeatures;
import io.streamcl.schemas.Example;
import io.streamcl.schemas.QuantizedFeatures;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;

/**
 * Bench program (not a test): what the wire check costs per decoded Example, with and without it, for the two
 * feature encodings of a 784-input model. Prints medians of 15 alternating rounds. Run: {@code java -cp
 * <schemas test classpath> io.streamcl.schemas.codec.DecodeCheckBench}.
 */
public final class DecodeCheckBench {
    private static final int DECODES_PER_ROUND = 20_000;
    private static final int ROUNDS = 15;

    private DecodeCheckBench() {}

    public static void main(String[] args) throws Exception {
        EventCodec<Example> checked = EventCodec.of(Example.class,
                DecodeLimits.NONE.with("key", 256).with("features.values", 784));
        BinaryMessageDecoder<Example> avroOnly = new BinaryMessageDecoder<>(
                new SpecificData(Example.class.getClassLoader()), Example.getClassSchema());
        Example quantized = SampleEvents.example();
        quantized.setFeatures(QuantizedFeatures.newBuilder().setValues(ByteBuffer.wrap(new byte[784]))
                .setScale(1f / 255).build());
        Example dense = SampleEvents.example();
        dense.setFeatures(DenseFeatures.newBuilder().setValues(Collections.nCopies(784, 0.5f)).build());
        System.out.println("| record | bytes | Avro only, µs | check + Avro, µs | check alone, µs | ratio |");
        System.out.println("|---|---|---|---|---|---|");
        WireCheck wireCheck = WireCheck.compile(Example.getClassSchema(), DecodeLimits.NONE);
        for (Example example : List.of(quantized, dense)) {
            byte[] bytes = checked.encode(example);
            List<Double> avro = new ArrayList<>();
            List<Double> both = new ArrayList<>();
            List<Double> check = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                avro.add(time(() -> avroOnly.decode(bytes)));
                both.add(time(() -> checked.decode(bytes)));
                check.add(time(() -> wireCheck.check(bytes, 10)));
            }
            System.out.printf("| %s | %d | %.2f | %.2f | %.2f | %.2f |%n", example.getFeatures().getClass().getSimpleName(),
                    bytes.length, median(avro), median(both), median(check), median(both) / median(avro));
        }
    }

    private interface Decode {
        void run() throws Exception;
    }

    private static double time(Decode decode) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < DECODES_PER_ROUND; i++) {
            decode.run();
        }
        return (System.nanoTime() - start) / 1e3 / DECODES_PER_ROUND;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
