package io.streamcl.loadgen.images;

import io.streamcl.loadgen.TaskData;
import io.streamcl.loadgen.TaskSampler;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Continual-learning tasks over Fashion-MNIST: split (class- or task-incremental), domain-incremental, permuted,
 * rotated and label-permuted. TRAIN examples come from the 60,000 training images, EVAL examples from the 10,000 test
 * images; pixels are sent as 8-bit values with scale 1/255 unless {@link #dense()} is asked for.
 */
public final class ImageTasks implements TaskData {

    private static final int CLASSES = FashionMnist.CLASS_NAMES.size();

    private final FashionMnist data;
    private final TaskFamily family;
    private final boolean quantized;

    private ImageTasks(FashionMnist data, TaskFamily family, boolean quantized) {
        this.data = data;
        this.family = family;
        this.quantized = quantized;
    }

    /** Class-incremental split: tasks of {@code classesPerTask} classes in {@code classOrder}, global labels. */
    public static ImageTasks classIncremental(FashionMnist data, int classesPerTask, int[] classOrder) {
        return new ImageTasks(data, new ClassSplit(classOrder, classesPerTask, false), true);
    }

    /** Task-incremental split: as class-incremental, but labels are renumbered 0..k-1 within each task. */
    public static ImageTasks taskIncremental(FashionMnist data, int classesPerTask, int[] classOrder) {
        return new ImageTasks(data, new ClassSplit(classOrder, classesPerTask, true), true);
    }

    /** Domain-incremental: all classes every task, each task in another appearance domain. */
    public static ImageTasks domainIncremental(FashionMnist data, List<ImageDomain> domains) {
        return new ImageTasks(data, new DomainShift(domains, CLASSES), true);
    }

    /** Permuted: a new seeded pixel permutation per task (hundreds of tasks are fine). */
    public static ImageTasks permuted(FashionMnist data, int tasks) {
        return new ImageTasks(data, new PermutedPixels(tasks, CLASSES), true);
    }

    /** Rotated: one rotation angle (degrees, counter-clockwise) per task. */
    public static ImageTasks rotated(FashionMnist data, double[] angles) {
        return new ImageTasks(data, new RotatedImages(angles, CLASSES), true);
    }

    /** Rotated by {@code tasks} angles evenly spaced over [0, 180). */
    public static ImageTasks rotated(FashionMnist data, int tasks) {
        return rotated(data, RotatedImages.evenlySpaced(tasks));
    }

    /** Label-permuted: the same images, a new seeded permutation of the labels per task. */
    public static ImageTasks labelPermuted(FashionMnist data, int tasks) {
        return new ImageTasks(data, new PermutedLabels(tasks, CLASSES), true);
    }

    /** The classes 0..9 in order. */
    public static int[] naturalClassOrder() {
        return IntStream.range(0, CLASSES).toArray();
    }

    /** The same tasks with pixels sent as 32-bit floats in [0, 1] (4x larger on the wire). */
    public ImageTasks dense() {
        return new ImageTasks(data, family, false);
    }

    /** Whether pixels go out as 8-bit quantized features. */
    public boolean quantized() {
        return quantized;
    }

    @Override
    public String describe() {
        return "fashion-mnist " + family.describe() + (quantized ? "" : " dense");
    }

    @Override
    public int featureCount() {
        return data.train().pixelCount();
    }

    @Override
    public int classCount() {
        return family.classCount(CLASSES);
    }

    @Override
    public int taskCount() {
        return family.taskCount();
    }

    /** One pass over the first task's training images. */
    @Override
    public long naturalTaskLength() {
        return data.train().indicesOf(family.classesOf(0)).length;
    }

    @Override
    public TaskSampler sampler(long seed) {
        return new ImageSampler(data, family, quantized, seed);
    }
}
