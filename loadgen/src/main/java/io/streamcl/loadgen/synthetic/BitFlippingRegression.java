package io.streamcl.loadgen.synthetic;

import io.streamcl.loadgen.Check;
import io.streamcl.loadgen.FeatureVector;
import io.streamcl.loadgen.Randomness;
import io.streamcl.loadgen.Sample;
import io.streamcl.loadgen.TaskData;
import io.streamcl.loadgen.TaskSampler;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The slowly-changing regression ("bit-flipping") problem of Dohare et al., Loss of plasticity in deep continual
 * learning (Nature 2024): inputs are {@code flippingBits} slow bits, re-drawn (or, with
 * {@code flipOne}, changed in exactly one position) at each task, followed by fresh random bits; the target is a
 * fixed LTU network. Each flip period is one task; features are sent as 0/1 bytes with scale 1.
 *
 * @param inputs total input bits (20 in the paper)
 * @param flippingBits slow bits at the front of the input (15)
 * @param hiddenUnits LTUs in the target network (100)
 * @param beta the LTU threshold parameter (0.7)
 * @param tasks number of flip periods (100 periods of 10,000 examples make the paper's 1M)
 * @param flipOne flip exactly one slow bit per period instead of re-drawing all of them
 */
public record BitFlippingRegression(int inputs, int flippingBits, int hiddenUnits, double beta, int tasks,
        boolean flipOne) implements TaskData {

    /** Examples per flip period in the paper. */
    public static final long DEFAULT_FLIP_AFTER = 10_000;

    public BitFlippingRegression {
        Check.atLeast("inputs", inputs, 1);
        Check.atLeast("flipping-bits", flippingBits, 0);
        if (flippingBits > inputs) {
            throw new IllegalArgumentException("flipping-bits must not exceed inputs (" + inputs + "), was " + flippingBits);
        }
        Check.atLeast("target-units", hiddenUnits, 1);
        Check.between("beta", beta, 0.0, 1.0);
        Check.atLeast("tasks", tasks, 1);
    }

    /** The paper's setting: 20 inputs, 15 slow bits, 100 LTUs, beta 0.7, 100 periods, all slow bits re-drawn. */
    public static BitFlippingRegression defaults() {
        return new BitFlippingRegression(20, 15, 100, 0.7, 100, false);
    }

    public BitFlippingRegression withTasks(int tasks) {
        return new BitFlippingRegression(inputs, flippingBits, hiddenUnits, beta, tasks, flipOne);
    }

    public BitFlippingRegression withFlipOne(boolean flipOne) {
        return new BitFlippingRegression(inputs, flippingBits, hiddenUnits, beta, tasks, flipOne);
    }

    @Override
    public String describe() {
        return "bit-flipping(inputs=" + inputs + ", flipping-bits=" + flippingBits + ", target-units=" + hiddenUnits
                + ", beta=" + beta + ", tasks=" + tasks + ", flip-one=" + flipOne + ")";
    }

    @Override
    public int featureCount() {
        return inputs;
    }

    @Override
    public int classCount() {
        return 0;
    }

    @Override
    public int taskCount() {
        return tasks;
    }

    @Override
    public long naturalTaskLength() {
        return DEFAULT_FLIP_AFTER;
    }

    @Override
    public TaskSampler sampler(long seed) {
        LtuTargetNetwork target = new LtuTargetNetwork(inputs, hiddenUnits, beta, Randomness.random(seed, "ltu-target"));
        SlowBits slowBits = new SlowBits(Randomness.random(seed, "slow-bits"));
        SplittableRandom random = Randomness.random(seed, "fast-bits");
        return (task, split) -> {
            byte[] x = new byte[inputs];
            System.arraycopy(slowBits.forTask(task), 0, x, 0, flippingBits);
            for (int i = flippingBits; i < inputs; i++) {
                x[i] = (byte) (random.nextBoolean() ? 1 : 0);
            }
            return Sample.regression(task, split, new FeatureVector.Quantized(x, 1f, 0f), target.target(x));
        };
    }

    /** Slow bits of every task so far; kept because a drift window may revisit the previous task. */
    private final class SlowBits {
        private final SplittableRandom random;
        private final List<byte[]> byTask = new ArrayList<>();

        SlowBits(SplittableRandom random) {
            this.random = random;
        }

        byte[] forTask(int task) {
            while (byTask.size() <= task) {
                byTask.add(next());
            }
            return byTask.get(task);
        }

        private byte[] next() {
            if (flipOne && !byTask.isEmpty() && flippingBits > 0) {
                byte[] bits = byTask.get(byTask.size() - 1).clone();
                int i = random.nextInt(flippingBits);
                bits[i] = (byte) (1 - bits[i]);
                return bits;
            }
            byte[] bits = new byte[flippingBits];
            for (int i = 0; i < flippingBits; i++) {
                bits[i] = (byte) (random.nextBoolean() ? 1 : 0);
            }
            return bits;
        }
    }
}
