package io.streamcl.loadgen.images;

/** Appearance domains of the domain-incremental scenario: the same classes, rendered differently in each task. */
public enum ImageDomain {
    /** The images as they are. */
    ORIGINAL,
    /** Negative: 255 - pixel. */
    INVERTED,
    /** Flipped top to bottom. */
    UPSIDE_DOWN,
    /** Rows and columns swapped (a mirror along the diagonal). */
    TRANSPOSED,
    /** A 3x3 box blur. */
    BLURRED,
    /** Contrast reduced to a third, around mid-grey. */
    LOW_CONTRAST;

    /** The transform of this domain for {@code rows x cols} images. */
    public ImageTransform transform(int rows, int cols) {
        return switch (this) {
            case ORIGINAL -> ImageTransform.IDENTITY;
            case INVERTED -> image -> map(image, v -> 255 - v);
            case LOW_CONTRAST -> image -> map(image, v -> 85 + v / 3);
            case UPSIDE_DOWN -> image -> remap(image, rows, cols, (y, x) -> (rows - 1 - y) * cols + x);
            case TRANSPOSED -> {
                if (rows != cols) {
                    throw new IllegalArgumentException("TRANSPOSED needs square images, got " + rows + "x" + cols);
                }
                yield image -> remap(image, rows, cols, (y, x) -> x * cols + y);
            }
            case BLURRED -> image -> blur(image, rows, cols);
        };
    }

    private interface PixelMap {
        int apply(int value);
    }

    private interface SourceIndex {
        int of(int y, int x);
    }

    private static byte[] map(byte[] image, PixelMap f) {
        byte[] out = new byte[image.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) f.apply(image[i] & 0xFF);
        }
        return out;
    }

    private static byte[] remap(byte[] image, int rows, int cols, SourceIndex source) {
        byte[] out = new byte[image.length];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                out[y * cols + x] = image[source.of(y, x)];
            }
        }
        return out;
    }

    private static byte[] blur(byte[] image, int rows, int cols) {
        byte[] out = new byte[image.length];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                int sum = 0;
                int n = 0;
                for (int yy = Math.max(0, y - 1); yy <= Math.min(rows - 1, y + 1); yy++) {
                    for (int xx = Math.max(0, x - 1); xx <= Math.min(cols - 1, x + 1); xx++) {
                        sum += image[yy * cols + xx] & 0xFF;
                        n++;
                    }
                }
                out[y * cols + x] = (byte) ((sum + n / 2) / n);
            }
        }
        return out;
    }
}
