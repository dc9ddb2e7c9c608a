package io.streamcl.loadgen.images;

import java.util.stream.IntStream;

/** Base of the families whose every task shows all classes and differs only in image transform or label map. */
abstract class AllClassesFamily implements TaskFamily {

    private final int datasetClasses;
    private final int[] all;

    AllClassesFamily(int datasetClasses) {
        this.datasetClasses = datasetClasses;
        this.all = IntStream.range(0, datasetClasses).toArray();
    }

    @Override
    public int[] classesOf(int task) {
        return all.clone();
    }

    /** Number of classes of the dataset this family was made for. */
    final int datasetClasses() {
        return datasetClasses;
    }

    @Override
    public int classCount(int datasetClasses) {
        return datasetClasses;
    }

    /** A view with all classes, the given transform per task and the given label map. */
    TaskView view(RecentTasks<ImageTransform> transforms, LabelMap labels) {
        return new TaskView() {
            @Override
            public ImageTransform transform(int task) {
                return transforms.get(task);
            }

            @Override
            public int label(int task, int datasetLabel) {
                return labels.label(task, datasetLabel);
            }
        };
    }

    /** Maps a dataset label to the label sent in a task. */
    interface LabelMap {
        LabelMap IDENTITY = (task, label) -> label;

        int label(int task, int datasetLabel);
    }
}
