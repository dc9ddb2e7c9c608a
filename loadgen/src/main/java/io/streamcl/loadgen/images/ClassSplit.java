package io.streamcl.loadgen.images;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * Split scenarios: the classes, in a given order, are cut into tasks of {@code classesPerTask} classes. Labels stay
 * global (class-incremental) or are renumbered 0..k-1 within each task (task-incremental, for multi-head learners
 * that use the task id).
 */
final class ClassSplit implements TaskFamily {

    private final int[] classOrder;
    private final int classesPerTask;
    private final boolean localLabels;

    ClassSplit(int[] classOrder, int classesPerTask, boolean localLabels) {
        if (classesPerTask < 1 || classOrder.length % classesPerTask != 0) {
            throw new IllegalArgumentException("classes-per-task must divide the number of classes ("
                    + classOrder.length + "), was " + classesPerTask);
        }
        long distinct = Arrays.stream(classOrder).distinct().count();
        if (distinct != classOrder.length) {
            throw new IllegalArgumentException("class-order must not repeat a class, was " + Arrays.toString(classOrder));
        }
        this.classOrder = classOrder.clone();
        this.classesPerTask = classesPerTask;
        this.localLabels = localLabels;
    }

    @Override
    public String describe() {
        StringJoiner tasks = new StringJoiner(" ");
        for (int t = 0; t < taskCount(); t++) {
            tasks.add(Arrays.toString(classesOf(t)).replace(" ", ""));
        }
        return (localLabels ? "task-incremental" : "class-incremental") + "(classes-per-task=" + classesPerTask
                + ", tasks=" + tasks + ")";
    }

    @Override
    public int taskCount() {
        return classOrder.length / classesPerTask;
    }

    @Override
    public int classCount(int datasetClasses) {
        return localLabels ? classesPerTask : datasetClasses;
    }

    @Override
    public TaskView view(long seed, int rows, int cols) {
        return new TaskView() {
            @Override
            public ImageTransform transform(int task) {
                return ImageTransform.IDENTITY;
            }

            @Override
            public int label(int task, int datasetLabel) {
                if (!localLabels) {
                    return datasetLabel;
                }
                for (int i = 0; i < classesPerTask; i++) {
                    if (classOrder[task * classesPerTask + i] == datasetLabel) {
                        return i;
                    }
                }
                throw new IllegalStateException("class " + datasetLabel + " is not in task " + task);
            }
        };
    }

    @Override
    public int[] classesOf(int task) {
        return Arrays.copyOfRange(classOrder, task * classesPerTask, (task + 1) * classesPerTask);
    }
}
