package io.streamcl.loadgen.images;

import io.streamcl.loadgen.Check;
import io.streamcl.loadgen.Randomness;

/** Label-permuted tasks (as in the UPGD streams): the images stay, each task renames the classes by a permutation. */
final class PermutedLabels extends AllClassesFamily {

    private final int tasks;

    PermutedLabels(int tasks, int datasetClasses) {
        super(datasetClasses);
        this.tasks = Check.atLeast("tasks", tasks, 1);
    }

    @Override
    public String describe() {
        return "label-permuted(tasks=" + tasks + ")";
    }

    @Override
    public int taskCount() {
        return tasks;
    }

    @Override
    public TaskView view(long seed, int rows, int cols) {
        RecentTasks<int[]> maps = new RecentTasks<>(task -> labelPermutation(seed, datasetClasses(), task));
        return view(new RecentTasks<>(task -> ImageTransform.IDENTITY), (task, label) -> maps.get(task)[label]);
    }

    /** The label map of {@code task}; depends only on the seed and the task. */
    static int[] labelPermutation(long seed, int classes, int task) {
        return Randomness.permutation(classes, Randomness.random(seed, "label-permutation", task));
    }
}
