package io.streamcl.loadgen.images;

/** How the tasks of an image scenario look with one seed: how images are transformed and labels mapped. */
interface TaskView {

    /** The transform applied to every image of {@code task}. */
    ImageTransform transform(int task);

    /** The label sent for an image of dataset class {@code datasetLabel} in {@code task}. */
    int label(int task, int datasetLabel);
}
