package io.streamcl.deploy.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkRuntimeClasspathTest {

    @Test
    void theBuildWroteARuntimeWithEveryJarPresent() {
        List<Path> classpath = FlinkRuntimeClasspath.RESOURCE.load();

        assertThat(classpath).allSatisfy(p -> assertThat(p).exists())
                .anySatisfy(p -> assertThat(p.getFileName().toString()).startsWith("flink-runtime-2"))
                .anySatisfy(p -> assertThat(p.getFileName().toString()).startsWith("flink-connector-base-"))
                .anySatisfy(p -> assertThat(p.getFileName().toString()).startsWith("log4j-slf4j-impl-"));
    }

    @Test
    void aMissingJarSaysHowToRebuild(@TempDir Path dir) throws Exception {
        Path runtime = Files.createFile(dir.resolve("flink-runtime-2.2.1.jar"));

        assertThatThrownBy(() -> FlinkRuntimeClasspath.RESOURCE.parse(runtime + ":" + dir.resolve("gone.jar"), "test"))
                .hasMessageContaining("gone.jar").hasMessageContaining("mvn -B -q -pl deploy/flink-local -am install");
    }

    @Test
    void aClasspathWithoutTheRuntimeIsRefused(@TempDir Path dir) throws Exception {
        Path other = Files.createFile(dir.resolve("log4j-core-2.24.3.jar"));

        assertThatThrownBy(() -> FlinkRuntimeClasspath.RESOURCE.parse(other.toString(), "test"))
                .hasMessageContaining("lists no flink-runtime-");
    }
}
