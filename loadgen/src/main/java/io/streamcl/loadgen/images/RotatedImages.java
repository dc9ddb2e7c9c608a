package io.streamcl.loadgen.images;

import java.util.Arrays;

/** Rotated MNIST-style tasks: each task rotates every image by its own angle. */
final class RotatedImages extends AllClassesFamily {

    private final double[] angles;

    RotatedImages(double[] angles, int datasetClasses) {
        super(datasetClasses);
        if (angles.length == 0) {
            throw new IllegalArgumentException("angles must list at least one angle");
        }
        this.angles = angles.clone();
    }

    /** {@code tasks} angles evenly spaced over [0, 180) degrees, as De Lange et al.'s 20 rotations. */
    static double[] evenlySpaced(int tasks) {
        double[] angles = new double[tasks];
        for (int t = 0; t < tasks; t++) {
            angles[t] = 180.0 * t / tasks;
        }
        return angles;
    }

    @Override
    public String describe() {
        return "rotated(angles=" + Arrays.toString(angles).replace(" ", "") + ")";
    }

    @Override
    public int taskCount() {
        return angles.length;
    }

    @Override
    public TaskView view(long seed, int rows, int cols) {
        return view(new RecentTasks<>(task -> new Rotation(angles[task], rows, cols)), LabelMap.IDENTITY);
    }
}
