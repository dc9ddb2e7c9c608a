package io.streamcl.loadgen.images;

import io.streamcl.loadgen.Check;
import io.streamcl.loadgen.Randomness;

/** Permuted MNIST-style tasks: each task shuffles pixel positions by its own seeded permutation. */
final class PermutedPixels extends AllClassesFamily {

    private final int tasks;

    PermutedPixels(int tasks, int datasetClasses) {
        super(datasetClasses);
        this.tasks = Check.atLeast("tasks", tasks, 1);
    }

    @Override
    public String describe() {
        return "permuted(tasks=" + tasks + ")";
    }

    @Override
    public int taskCount() {
        return tasks;
    }

    @Override
    public TaskView view(long seed, int rows, int cols) {
        return view(new RecentTasks<>(task -> permutation(seed, rows * cols, task)), LabelMap.IDENTITY);
    }

    /** The pixel permutation of {@code task}; depends only on the seed and the task. */
    static PixelPermutation permutation(long seed, int pixels, int task) {
        return PixelPermutation.random(pixels, Randomness.random(seed, "pixel-permutation", task));
    }
}
