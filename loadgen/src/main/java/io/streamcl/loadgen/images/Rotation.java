package io.streamcl.loadgen.images;

/**
 * Rotates an image about its centre by bilinear interpolation, filling uncovered pixels with 0 (Rotated MNIST).
 * Each output pixel is a convex combination of input pixels, so values stay within 0..255.
 */
public final class Rotation implements ImageTransform {

    private final double degrees;
    private final int[][] corners;
    private final float[][] weights;

    /** A counter-clockwise rotation by {@code degrees} of {@code rows x cols} images. */
    public Rotation(double degrees, int rows, int cols) {
        this.degrees = degrees;
        int n = rows * cols;
        corners = new int[n][4];
        weights = new float[n][4];
        double radians = Math.toRadians(degrees);
        double cos = Math.cos(radians);
        double sin = Math.sin(radians);
        double cy = (rows - 1) / 2.0;
        double cx = (cols - 1) / 2.0;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                // Inverse mapping: find where each output pixel comes from, so every output pixel is defined.
                double dx = x - cx;
                double dy = y - cy;
                double sx = cx + cos * dx - sin * dy;
                double sy = cy + sin * dx + cos * dy;
                tabulate(y * cols + x, sx, sy, rows, cols);
            }
        }
    }

    /** The angle in degrees. */
    public double degrees() {
        return degrees;
    }

    private void tabulate(int out, double sx, double sy, int rows, int cols) {
        // Snap tiny floating-point residues so that right angles and 0 degrees copy pixels exactly.
        sx = Math.abs(sx - Math.rint(sx)) < 1e-9 ? Math.rint(sx) : sx;
        sy = Math.abs(sy - Math.rint(sy)) < 1e-9 ? Math.rint(sy) : sy;
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        double fx = sx - x0;
        double fy = sy - y0;
        int[][] offsets = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
        double[] w = {(1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy};
        for (int k = 0; k < 4; k++) {
            int x = x0 + offsets[k][0];
            int y = y0 + offsets[k][1];
            boolean inside = x >= 0 && x < cols && y >= 0 && y < rows;
            corners[out][k] = inside ? y * cols + x : 0;
            weights[out][k] = inside ? (float) w[k] : 0f;
        }
    }

    @Override
    public byte[] apply(byte[] image) {
        byte[] out = new byte[corners.length];
        for (int i = 0; i < out.length; i++) {
            int[] c = corners[i];
            float[] w = weights[i];
            float v = w[0] * (image[c[0]] & 0xFF) + w[1] * (image[c[1]] & 0xFF)
                    + w[2] * (image[c[2]] & 0xFF) + w[3] * (image[c[3]] & 0xFF);
            out[i] = (byte) Math.min(255, Math.max(0, Math.round(v)));
        }
        return out;
    }
}
