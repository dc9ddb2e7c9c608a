package io.streamcl.deploy.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * What the cluster jar carries: the jobs and the natives they load on Linux x86-64 (OpenBLAS, JavaCPP), and not
 * ND4J's own 320 MB native library (the job does not load it), the demo, loadgen, the local broker, the detector
 * calibration or other platforms' compression natives.
 */
class JobJarIT {
    /** The jar was 156 MB with ND4J's native library and 33 MB without; a bound well below the former. */
    private static final long MAX_BYTES = 64L << 20;

    @Test
    void holdsTheJobsAndTheirLinuxNativesOnly() throws IOException {
        Path jar = Path.of(System.getProperty("streamcl.jobJar"));
        assertThat(Files.size(jar)).as("job jar size").isLessThan(MAX_BYTES);
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> names = file.stream().map(ZipEntry::getName).toList();
            assertThat(names).contains(
                    "io/streamcl/jobs/training/TrainingJob.class",
                    "io/streamcl/jobs/alert/AlertJob.class",
                    "org/bytedeco/openblas/linux-x86_64/libopenblas.so.0",
                    "org/bytedeco/openblas/linux-x86_64/libjniopenblas.so",
                    // the binding with LAPACK extends the one without: both load
                    "org/bytedeco/openblas/linux-x86_64/libjniopenblas_nolapack.so",
                    "org/bytedeco/javacpp/linux-x86_64/libjnijavacpp.so");
            assertThat(names).noneMatch(n -> n.startsWith("org/nd4j/"))
                    .noneMatch(n -> n.startsWith("io/streamcl/jobs/Demo"))
                    .noneMatch(n -> n.startsWith("io/streamcl/loadgen/"))
                    .noneMatch(n -> n.startsWith("io/streamcl/deploy/"))
                    .noneMatch(n -> n.startsWith("io/streamcl/core/detect/Calibration"))
                    .noneMatch(n -> n.matches("(win|darwin|aix|freebsd)/.*\\.(dll|dylib|so)"))
                    .noneMatch(n -> n.matches("org/xerial/snappy/native/(Windows|Mac)/.*"));
            assertThat(file.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("io.streamcl.jobs.training.TrainingJob");
        }
    }
}
