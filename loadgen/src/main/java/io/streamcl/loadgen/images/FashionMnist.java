package io.streamcl.loadgen.images;

import io.streamcl.loadgen.LoadgenException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 60,000 training and 10,000 test greyscale 28x28 images of 10 clothing
 * classes, read from the IDX files of Debian's package {@code dataset-fashion-mnist}.
 *
 * @param train the 60,000 training images
 * @param test the 10,000 test images, used for EVAL examples
 */
public record FashionMnist(ImageSet train, ImageSet test) {

    /** Where Debian's package {@code dataset-fashion-mnist} installs the files. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** Environment variable that overrides {@link #DEFAULT_DIR}. */
    public static final String DIR_ENV = "FASHION_MNIST_DIR";

    /** Class names, indexed by label. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final Map<Path, FashionMnist> LOADED = new ConcurrentHashMap<>();

    /** The directory named by {@code FASHION_MNIST_DIR}, else {@link #DEFAULT_DIR}. */
    public static Path defaultDir() {
        String dir = System.getenv(DIR_ENV);
        return dir == null || dir.isBlank() ? DEFAULT_DIR : Path.of(dir);
    }

    /** Whether {@code dir} holds the four files {@link #load(Path)} reads (plain or gzipped). */
    public static boolean isInstalled(Path dir) {
        return Stream.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte").allMatch(name -> Files.isRegularFile(dir.resolve(name + ".gz"))
                        || Files.isRegularFile(dir.resolve(name)));
    }

    /** Loads the dataset from {@link #defaultDir()}. */
    public static FashionMnist load() {
        return load(defaultDir());
    }

    /**
     * Loads the dataset from {@code dir} (files {@code train-images-idx3-ubyte[.gz]} etc.); loaded once per JVM and
     * directory because the images take 55 MB.
     *
     * @throws LoadgenException naming the missing file and how to install the package
     */
    public static FashionMnist load(Path dir) {
        return LOADED.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> new FashionMnist(
                images(d, "train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
                images(d, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")));
    }

    private static ImageSet images(Path dir, String imagesName, String labelsName) {
        IdxFile.Tensor images = IdxFile.read(locate(dir, imagesName), 3);
        IdxFile.Tensor labels = IdxFile.read(locate(dir, labelsName), 1);
        if (images.shape()[0] != labels.shape()[0]) {
            throw new LoadgenException(dir + ": " + images.shape()[0] + " images in " + imagesName + " but "
                    + labels.shape()[0] + " labels in " + labelsName);
        }
        return new ImageSet(images.shape()[1], images.shape()[2], images.values(), labels.values());
    }

    private static Path locate(Path dir, String name) {
        for (Path candidate : List.of(dir.resolve(name + ".gz"), dir.resolve(name))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new LoadgenException("Fashion-MNIST not found: no " + name + ".gz in " + dir + ". Install it with"
                + " 'sudo apt-get install dataset-fashion-mnist' (files go to " + DEFAULT_DIR + "), or point --data-dir"
                + " (or the " + DIR_ENV + " environment variable) at a directory holding train-images-idx3-ubyte.gz,"
                + " train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz.");
    }
}
