package io.streamcl.loadgen.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamcl.loadgen.LoadgenException;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    @Test
    @RequiresFashionMnist
    void readsTheInstalledDataset() {
        FashionMnist data = FashionMnist.load();

        assertThat(data.train().size()).isEqualTo(60_000);
        assertThat(data.test().size()).isEqualTo(10_000);
        assertThat(data.train().rows()).isEqualTo(28);
        assertThat(data.train().cols()).isEqualTo(28);
        // Fashion-MNIST is balanced: 6,000 training and 1,000 test images per class.
        for (int c = 0; c < 10; c++) {
            assertThat(data.train().indicesOf(new int[] {c})).hasSize(6_000);
            assertThat(data.test().indicesOf(new int[] {c})).hasSize(1_000);
        }
    }

    @Test
    @RequiresFashionMnist
    void imagesLookLikeClothingNotNoise() {
        ImageSet train = FashionMnist.load().train();
        long dark = 0;
        int brightest = 0;
        for (int i = 0; i < 1_000; i++) {
            for (byte p : train.image(i)) {
                dark += p == 0 ? 1 : 0;
                brightest = Math.max(brightest, p & 0xFF);
            }
        }
        // Objects on a black background: roughly half the pixels are exactly 0, and the brightest reach 255.
        assertThat(dark / (1_000.0 * 784)).isBetween(0.3, 0.7);
        assertThat(brightest).isEqualTo(255);
    }

    @Test
    void missingDatasetSaysHowToInstallIt(@TempDir Path empty) {
        assertThatThrownBy(() -> FashionMnist.load(empty))
                .isInstanceOf(LoadgenException.class)
                .hasMessageContaining("train-images-idx3-ubyte.gz")
                .hasMessageContaining(empty.toString())
                .hasMessageContaining("apt-get install dataset-fashion-mnist")
                .hasMessageContaining("--data-dir");
    }

    @Test
    void readsUncompressedIdxFilesToo(@TempDir Path dir) throws IOException {
        writeIdx(dir.resolve("train-images-idx3-ubyte"), 0x0803, new int[] {2, 2, 3}, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        writeIdx(dir.resolve("train-labels-idx1-ubyte"), 0x0801, new int[] {2}, new byte[] {7, 3});
        writeIdx(dir.resolve("t10k-images-idx3-ubyte"), 0x0803, new int[] {1, 2, 3}, new byte[] {(byte) 255, 0, 0, 0, 0, 0});
        writeIdx(dir.resolve("t10k-labels-idx1-ubyte"), 0x0801, new int[] {1}, new byte[] {9});

        FashionMnist tiny = FashionMnist.load(dir);

        assertThat(tiny.train().image(1)).containsExactly(7, 8, 9, 10, 11, 12);
        assertThat(tiny.train().label(0)).isEqualTo(7);
        assertThat(tiny.test().image(0)[0] & 0xFF).isEqualTo(255);
        assertThat(tiny.test().cols()).isEqualTo(3);
    }

    @Test
    void rejectsTruncatedAndForeignFiles(@TempDir Path dir) throws IOException {
        Path truncated = dir.resolve("truncated");
        writeIdx(truncated, 0x0803, new int[] {5, 28, 28}, new byte[100]);
        Path labels = dir.resolve("labels");
        writeIdx(labels, 0x0801, new int[] {1}, new byte[1]);

        assertThatThrownBy(() -> IdxFile.read(truncated, 3)).hasMessageContaining("is truncated");
        assertThatThrownBy(() -> IdxFile.read(labels, 3)).hasMessageContaining("is not an IDX file of unsigned bytes with 3");
    }

    private static void writeIdx(Path path, int magic, int[] shape, byte[] values) throws IOException {
        try (OutputStream file = Files.newOutputStream(path); DataOutputStream out = new DataOutputStream(file)) {
            out.writeInt(magic);
            for (int d : shape) {
                out.writeInt(d);
            }
            out.write(values);
        }
    }
}
