package io.streamcl.loadgen.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamcl.loadgen.Sample;
import io.streamcl.loadgen.TaskSampler;
import io.streamcl.schemas.Split;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GaussianClustersTest {

    private final GaussianClusters data = GaussianClusters.defaults();

    @Test
    void samplesLieAroundTheirClassMeanWithUnitNoise() {
        double[][][] means = data.means(3);
        TaskSampler sampler = data.sampler(3);
        double[] squaredDistanceSum = new double[1];
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            Sample s = sampler.draw(1, Split.TRAIN);
            double[] mean = means[1][s.label()];
            for (int f = 0; f < data.features(); f++) {
                double d = s.features().value(f) - mean[f];
                squaredDistanceSum[0] += d * d;
            }
        }
        // Unit-variance noise: the mean squared distance per feature is 1 (within sampling error).
        assertThat(squaredDistanceSum[0] / n / data.features()).isBetween(0.97, 1.03);
    }

    @Test
    void meansAreSeparatedAsConfigured() {
        double[][][] means = new GaussianClusters(10, 200, 1, 4.0, 1.0).means(5);

        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < 10; a++) {
            for (int b = a + 1; b < 10; b++) {
                sum += distance(means[0][a], means[0][b]);
                pairs++;
            }
        }
        assertThat(sum / pairs).isBetween(3.6, 4.4);
    }

    @Test
    void meansMoveAtEveryTaskBoundary() {
        double[][][] means = data.means(9);

        for (int t = 1; t < data.tasks(); t++) {
            for (int c = 0; c < data.classes(); c++) {
                // With a full shift the old and new mean of a class are as far apart as two classes.
                assertThat(distance(means[t][c], means[t - 1][c])).isGreaterThan(1.0);
            }
        }
    }

    @Test
    void aClassifierOfTheNewTaskFailsOnTheOldOne() {
        TaskSampler sampler = data.sampler(4);
        // Nearest class mean fitted on task 1: good on task 1, near chance on task 0 whose clusters lie elsewhere.
        double[][] centroids = new double[data.classes()][data.features()];
        int[] counts = new int[data.classes()];
        for (int i = 0; i < 5_000; i++) {
            Sample s = sampler.draw(1, Split.TRAIN);
            counts[s.label()]++;
            for (int f = 0; f < data.features(); f++) {
                centroids[s.label()][f] += s.features().value(f);
            }
        }
        for (int c = 0; c < data.classes(); c++) {
            for (int f = 0; f < data.features(); f++) {
                centroids[c][f] /= counts[c];
            }
        }

        assertThat(accuracy(centroids, sampler, 1)).isGreaterThan(0.8);
        assertThat(accuracy(centroids, sampler, 0)).isLessThan(0.5);
    }

    private double accuracy(double[][] centroids, TaskSampler sampler, int task) {
        int correct = 0;
        int n = 2_000;
        for (int i = 0; i < n; i++) {
            Sample s = sampler.draw(task, Split.EVAL);
            int best = 0;
            double bestDistance = Double.MAX_VALUE;
            for (int c = 0; c < centroids.length; c++) {
                double d = 0;
                for (int f = 0; f < data.features(); f++) {
                    double diff = s.features().value(f) - centroids[c][f];
                    d += diff * diff;
                }
                if (d < bestDistance) {
                    bestDistance = d;
                    best = c;
                }
            }
            correct += best == s.label() ? 1 : 0;
        }
        return (double) correct / n;
    }

    @Test
    void noShiftKeepsTheMeans() {
        double[][][] means = data.withMeanShift(0).means(9);

        assertThat(means[3]).isDeepEqualTo(means[0]);
    }

    @Test
    void labelsAreUniformOverTheClasses() {
        TaskSampler sampler = data.sampler(1);
        int[] counts = new int[data.classes()];
        for (int i = 0; i < 50_000; i++) {
            counts[sampler.draw(0, Split.TRAIN).label()]++;
        }
        assertThat(Arrays.stream(counts).boxed().toList()).allSatisfy(c -> assertThat(c).isBetween(9_500, 10_500));
    }

    @Test
    void rejectsBadParametersByName() {
        assertThatThrownBy(() -> data.withClasses(1)).hasMessage("classes must be at least 2, was 1");
        assertThatThrownBy(() -> data.withMeanShift(1.5)).hasMessage("mean-shift must be in [0.0, 1.0], was 1.5");
        assertThatThrownBy(() -> data.withSeparation(-1)).hasMessage("separation must be a positive number, was -1.0");
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
