package io.streamcl.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Tests the versioned binary state of every detector: exact round trips and clear rejections. */
class DetectorStateTest {

    static Stream<DetectorConfig> configs() {
        return Stream.of(AccuracyDefaults.dropFromBest(), AccuracyDefaults.ewmaDrop(), AccuracyDefaults.dropCusum(),
                AccuracyDefaults.pageHinkley(),
                AccuracyDefaults.cusum(), new AdwinConfig(0.05, 1, 5, 5, 10, Watch.BOTH));
    }

    /** An accuracy-like stream with noise and two dips, so every detector has state and fires. */
    static double[] stream() {
        SplittableRandom random = new SplittableRandom(11);
        double[] values = new double[3000];
        for (int i = 0; i < values.length; i++) {
            double dip = (i % 1000) >= 600 && (i % 1000) < 700 ? 0.3 : 0.0;
            values[i] = 0.8 - dip + 0.015 * random.nextGaussian();
        }
        return values;
    }

    @ParameterizedTest
    @MethodSource("configs")
    void restoredDetectorBehavesExactlyLikeTheOriginal(DetectorConfig config) throws IOException {
        double[] values = stream();
        ChangeDetector original = config.create();
        List<Detection> before = new ArrayList<>();
        for (int i = 0; i < 1650; i++) {
            original.update(i, values[i]).ifPresent(before::add);
        }
        byte[] bytes = bytes(original);
        ChangeDetector restored = config.restore(new DataInputStream(new ByteArrayInputStream(bytes)));
        assertThat(bytes(restored)).isEqualTo(bytes);
        List<Detection> a = new ArrayList<>();
        List<Detection> b = new ArrayList<>();
        for (int i = 1650; i < values.length; i++) {
            original.update(i, values[i]).ifPresent(a::add);
            restored.update(i, values[i]).ifPresent(b::add);
        }
        assertThat(before).as("the stream makes %s fire before the snapshot", config).isNotEmpty();
        assertThat(a).as("and after it").isNotEmpty().isEqualTo(b);
    }

    @Test
    void unknownFormatVersionIsRejected() throws IOException {
        byte[] bytes = bytes(CusumConfig.defaults().create());
        ByteBuffer.wrap(bytes).putInt(2 + "cusum".length(), 99);
        assertThatThrownBy(() -> CusumConfig.defaults().restore(new DataInputStream(new ByteArrayInputStream(bytes))))
                .isInstanceOf(IOException.class)
                .hasMessage("cusum state has format version 99, this build reads version 1");
    }

    @Test
    void anotherDetectorsStateIsRejected() throws IOException {
        byte[] bytes = bytes(PageHinkleyConfig.defaults().create());
        assertThatThrownBy(() -> CusumConfig.defaults().restore(new DataInputStream(new ByteArrayInputStream(bytes))))
                .isInstanceOf(IOException.class)
                .hasMessage("expected a cusum state, found a page-hinkley state");
    }

    @Test
    void adwinStateWithMoreBucketsThanItsConfigAllowsIsRejected() throws IOException {
        Adwin wide = new AdwinConfig(0.002, 32, 10, 5, 10, Watch.BOTH).create();
        for (int i = 0; i < 9; i++) {
            wide.update(i, i);
        }
        byte[] bytes = bytes(wide);
        assertThatThrownBy(() -> AdwinConfig.defaults().restore(new DataInputStream(new ByteArrayInputStream(bytes))))
                .isInstanceOf(IOException.class)
                .hasMessage("adwin state row 0 has 9 buckets, max_buckets is 5");
    }

    static byte[] bytes(ChangeDetector detector) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        detector.writeTo(new DataOutputStream(out));
        return out.toByteArray();
    }
}
