package io.streamcl.core.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** The Fashion-MNIST training set from Debian's {@code dataset-fashion-mnist}, pixels scaled to [0, 1]. */
record FashionMnist(float[] images, int[] labels, int count) {
    static final Path DIR = Path.of(System.getenv().getOrDefault("FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist"));
    static final int PIXELS = 784;

    static FashionMnist load() throws IOException {
        Path images = DIR.resolve("train-images-idx3-ubyte.gz");
        Path labels = DIR.resolve("train-labels-idx1-ubyte.gz");
        if (!Files.exists(images) || !Files.exists(labels)) {
            throw new IOException("Fashion-MNIST not found in " + DIR + ": apt-get install -y dataset-fashion-mnist");
        }
        byte[] pixels = read(images, 16);
        byte[] classes = read(labels, 8);
        float[] x = new float[pixels.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (pixels[i] & 0xFF) / 255f;
        }
        int[] y = new int[classes.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = classes[i];
        }
        return new FashionMnist(x, y, y.length);
    }

    private static byte[] read(Path path, int header) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(path)))) {
            in.skipNBytes(header);
            return in.readAllBytes();
        }
    }
}
