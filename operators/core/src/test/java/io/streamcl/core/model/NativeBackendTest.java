package io.streamcl.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupts the loading of the native OpenBLAS in fresh JVMs with an empty JavaCPP cache: loaded directly, the
 * interrupt breaks OpenBLAS for good (the failure this class exists for); through {@link NativeBackend}, the
 * interrupted caller gives up waiting and the next attempt works.
 */
class NativeBackendTest {

    @Test
    void anInterruptedDirectLoadLeavesOpenBlasBrokenInItsClassLoader(@TempDir Path cache) throws Exception {
        assertThat(run("direct", cache)).satisfiesExactly(
                first -> assertThat(first).startsWith("first attempt: java.lang.UnsatisfiedLinkError")
                        .contains("FileLockInterruptionException"),
                second -> assertThat(second).startsWith(
                        "second attempt: java.lang.NoClassDefFoundError: Could not initialize class"));
    }

    @Test
    void aLoadThroughTheBackendSurvivesAnInterruptedWaiterAndTheNextAttemptWorks(@TempDir Path cache)
            throws Exception {
        assertThat(run("backend", cache)).containsExactly(
                "interrupting while loaded=false",
                "first attempt: java.lang.InterruptedException",
                "second attempt: 1*3+2*4=11.0");
    }

    private static List<String> run(String mode, Path cache) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-Dorg.bytedeco.javacpp.cachedir=" + cache, "-cp", System.getProperty("java.class.path"),
                NativeLoadInterruption.class.getName(), mode)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return out.lines().filter(line -> line.contains("attempt") || line.startsWith("interrupting")).toList();
    }
}
