package io.streamcl.loadgen.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.loadgen.Randomness;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

@RequiresFashionMnist
class ImageTransformsTest {

    private static final ImageSet TRAIN = FashionMnist.load().train();

    @Test
    void pixelPermutationIsABijection() {
        for (int task = 0; task < 50; task++) {
            PixelPermutation p = PermutedPixels.permutation(42, 784, task);
            boolean[] hit = new boolean[784];
            for (int i = 0; i < p.size(); i++) {
                hit[p.sourceOf(i)] = true;
            }
            assertThat(p.size()).isEqualTo(784);
            assertThat(hit).doesNotContain(false);
        }
    }

    @Test
    void permutationsDependOnSeedAndTaskOnly() {
        byte[] image = TRAIN.image(0);

        assertThat(PermutedPixels.permutation(42, 784, 3).apply(image))
                .isEqualTo(PermutedPixels.permutation(42, 784, 3).apply(image))
                .isNotEqualTo(PermutedPixels.permutation(42, 784, 4).apply(image))
                .isNotEqualTo(PermutedPixels.permutation(43, 784, 3).apply(image));
    }

    @Test
    void permutationKeepsThePixelValues() {
        byte[] image = TRAIN.image(5);
        byte[] permuted = PermutedPixels.permutation(1, 784, 0).apply(image);

        byte[] a = image.clone();
        byte[] b = permuted.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        assertThat(b).isEqualTo(a);
        assertThat(permuted).isNotEqualTo(image);
    }

    @Test
    void zeroRotationIsTheIdentity() {
        byte[] image = TRAIN.image(1);

        assertThat(new Rotation(0, 28, 28).apply(image)).isEqualTo(image);
    }

    @Test
    void fourQuarterTurnsGiveTheImageBack() {
        Rotation quarter = new Rotation(90, 28, 28);
        byte[] image = TRAIN.image(2);

        assertThat(quarter.apply(quarter.apply(quarter.apply(quarter.apply(image))))).isEqualTo(image);
        assertThat(quarter.apply(image)).isNotEqualTo(image);
    }

    @Test
    void aQuarterTurnIsCounterClockwise() {
        byte[] image = new byte[28 * 28];
        image[13] = (byte) 200; // top row, left of the centre column

        byte[] rotated = new Rotation(90, 28, 28).apply(image);

        // Counter-clockwise, the top edge goes to the left edge: (x=13, y=0) -> (x=0, y=14).
        assertThat(rotated[14 * 28] & 0xFF).isEqualTo(200);
    }

    @Test
    void rotationKeepsPixelValuesInRange() {
        SplittableRandom random = Randomness.random(7, "angles");
        for (int i = 0; i < 500; i++) {
            byte[] image = TRAIN.image(i);
            int max = max(image);
            byte[] rotated = new Rotation(random.nextDouble() * 360, 28, 28).apply(image);
            // Bilinear weights are convex: no pixel can exceed the brightest input pixel.
            assertThat(max(rotated)).isLessThanOrEqualTo(max);
        }
    }

    @Test
    void rotationDoesNotDimTheInteriorOfAWhiteImage() {
        byte[] white = new byte[28 * 28];
        Arrays.fill(white, (byte) 255);

        byte[] rotated = new Rotation(33, 28, 28).apply(white);

        assertThat(rotated[14 * 28 + 14] & 0xFF).isEqualTo(255);
        assertThat(rotated[0] & 0xFF).isEqualTo(0); // the corner is rotated in from outside the image
    }

    @Test
    void domainsChangeTheImageAndKeepItsSize() {
        byte[] image = TRAIN.image(3);
        for (ImageDomain domain : ImageDomain.values()) {
            byte[] out = domain.transform(28, 28).apply(image);
            assertThat(out).hasSize(784);
            if (domain != ImageDomain.ORIGINAL) {
                assertThat(out).as(domain.name()).isNotEqualTo(image);
            }
        }
    }

    @Test
    void involutionDomainsUndoThemselves() {
        byte[] image = TRAIN.image(4);
        for (ImageDomain domain : new ImageDomain[] {ImageDomain.INVERTED, ImageDomain.UPSIDE_DOWN, ImageDomain.TRANSPOSED}) {
            ImageTransform t = domain.transform(28, 28);
            assertThat(t.apply(t.apply(image))).as(domain.name()).isEqualTo(image);
        }
    }

    private static int max(byte[] image) {
        int max = 0;
        for (byte b : image) {
            max = Math.max(max, b & 0xFF);
        }
        return max;
    }
}
