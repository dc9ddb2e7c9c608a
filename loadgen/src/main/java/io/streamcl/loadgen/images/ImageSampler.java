package io.streamcl.loadgen.images;

import io.streamcl.loadgen.FeatureVector;
import io.streamcl.loadgen.Randomness;
import io.streamcl.loadgen.Sample;
import io.streamcl.loadgen.TaskSampler;
import io.streamcl.schemas.Split;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Draws task images: TRAIN from the training set and EVAL from the test set, each through its task's view. */
final class ImageSampler implements TaskSampler {

    private final FashionMnist data;
    private final TaskFamily family;
    private final TaskView view;
    private final boolean quantized;
    private final long seed;
    private final Map<String, ImagePool> pools = new HashMap<>();

    ImageSampler(FashionMnist data, TaskFamily family, boolean quantized, long seed) {
        this.data = data;
        this.family = family;
        this.view = family.view(seed, data.train().rows(), data.train().cols());
        this.quantized = quantized;
        this.seed = seed;
    }

    @Override
    public Sample draw(int task, Split split) {
        ImageSet images = split == Split.EVAL ? data.test() : data.train();
        int index = pool(task, split, images).next();
        byte[] pixels = view.transform(task).apply(images.image(index));
        FeatureVector.Quantized features = FeatureVector.Quantized.pixels(pixels);
        int label = view.label(task, images.label(index));
        return Sample.classified(task, split, quantized ? features : features.toDense(), label);
    }

    private ImagePool pool(int task, Split split, ImageSet images) {
        int[] classes = family.classesOf(task);
        // Tasks with the same classes share one pool, so a long permuted stream walks through the data in epochs.
        String key = split + Arrays.toString(classes);
        return pools.computeIfAbsent(key,
                k -> new ImagePool(images.indicesOf(classes), Randomness.random(seed, "image-pool " + k)));
    }
}
