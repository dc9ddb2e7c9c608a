package io.streamcl.loadgen.images;

import java.util.Arrays;

/**
 * Labelled greyscale images stored as one flat byte array (row-major, one unsigned byte a pixel).
 *
 * @param rows image height
 * @param cols image width
 * @param pixels all images, {@code rows * cols} bytes each
 * @param labels one class per image
 */
public record ImageSet(int rows, int cols, byte[] pixels, byte[] labels) {

    public ImageSet {
        if ((long) rows * cols * labels.length != pixels.length) {
            throw new IllegalArgumentException(labels.length + " labels do not match " + pixels.length + " pixel bytes of "
                    + rows + "x" + cols + " images");
        }
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** Pixels of one image. */
    public int pixelCount() {
        return rows * cols;
    }

    /** A copy of image {@code i}'s pixels. */
    public byte[] image(int i) {
        byte[] image = new byte[pixelCount()];
        System.arraycopy(pixels, i * pixelCount(), image, 0, image.length);
        return image;
    }

    /** The class of image {@code i}. */
    public int label(int i) {
        return labels[i] & 0xFF;
    }

    /** Indices of the images whose class is in {@code classes}, in dataset order. */
    public int[] indicesOf(int[] classes) {
        boolean[] wanted = new boolean[256];
        for (int c : classes) {
            wanted[c] = true;
        }
        int n = 0;
        int[] indices = new int[size()];
        for (int i = 0; i < size(); i++) {
            if (wanted[labels[i] & 0xFF]) {
                indices[n++] = i;
            }
        }
        return Arrays.copyOf(indices, n);
    }
}
