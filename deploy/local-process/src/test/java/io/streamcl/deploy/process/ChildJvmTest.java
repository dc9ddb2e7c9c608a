package io.streamcl.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {

    @TempDir
    Path dir;

    @Test
    void aWatchedChildEndsWhenItsStdinPipeCloses() throws Exception {
        Path out = dir.resolve("child.out");
        Process child = new ChildJvm(List.of(testClasses())).options("-XX:TieredStopAtLevel=1").output(out)
                .launch(dir.resolve("launcher-classes"), false, SleepingMain.class.getName(), List.of("a", "b"),
                        "start the test child");
        try {
            awaitContent(out, "args a b");
            child.getOutputStream().close(); // what the OS does when this JVM dies

            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child ended after its parent pipe closed").isTrue();
            assertThat(child.exitValue()).isZero();
            assertThat(Files.readString(out)).contains("is gone: shutting down");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void onlyTheChildMainIsCopiedNextToTheChildsJars() throws Exception {
        Process child = new ChildJvm(List.of(testClasses())).output(dir.resolve("child.out"))
                .launch(dir.resolve("launcher-classes"), false, SleepingMain.class.getName(), List.of(), "start");
        try {
            try (Stream<Path> files = Files.walk(dir.resolve("launcher-classes"))) {
                assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                        .containsExactly("ChildMain.class");
            }
        } finally {
            assertThat(ChildJvm.stop(child.toHandle(), Duration.ofSeconds(20))).isTrue();
        }
        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void aJvmThatCannotStartNamesWhatItWasFor() {
        ChildJvm jvm = new ChildJvm(List.of()).directory(dir.resolve("missing"));

        assertThatThrownBy(() -> jvm.run("x.Y", List.of(), "format the storage"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("Cannot format the storage: ")
                .hasMessageEndingWith("java failed to run");
    }

    static Path testClasses() throws URISyntaxException {
        return Path.of(SleepingMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    static void awaitContent(Path file, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!(Files.exists(file) && Files.readString(file).contains(expected))) {
            assertThat(System.nanoTime()).as("'%s' in %s", expected, file).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
