package io.streamcl.loadgen.images;

/** A kind of image scenario (split, permuted, rotated, ...): its tasks, parameters and per-seed views. */
interface TaskFamily {

    /** The name and parameters, e.g. {@code permuted(tasks=10)}. */
    String describe();

    int taskCount();

    /** The dataset classes drawn in {@code task}. */
    int[] classesOf(int task);

    /** Number of labels learners see, given the dataset's number of classes. */
    int classCount(int datasetClasses);

    /** The tasks as seen with {@code seed} (permutations, label maps) for {@code rows x cols} images. */
    TaskView view(long seed, int rows, int cols);
}
