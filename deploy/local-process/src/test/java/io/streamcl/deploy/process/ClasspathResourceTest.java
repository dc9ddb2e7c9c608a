package io.streamcl.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamcl.deploy.process.ClasspathResource.RequiredJar;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathResourceTest {

    private static final ClasspathResource RESOURCE = new ClasspathResource("io/streamcl/test/missing.classpath",
            "test classpath", "the test jar", "run the build", new RequiredJar("core-", "core-*.jar"));

    @TempDir
    Path dir;

    @Test
    void splitsOnPathSeparatorsAndLineBreaksAndKeepsTheOrder() throws Exception {
        Path core = Files.createFile(dir.resolve("core-1.jar"));
        Path other = Files.createFile(dir.resolve("other-1.jar"));

        assertThat(RESOURCE.parse(other + ":" + core + "\n\n", "test")).containsExactly(other, core);
    }

    @Test
    void namesWhatIsMissingAndHowToRebuild() throws Exception {
        Path core = Files.createFile(dir.resolve("core-1.jar"));

        assertThatThrownBy(() -> RESOURCE.parse(core + ":" + dir.resolve("gone.jar"), "origin"))
                .hasMessage("The test classpath entry " + dir.resolve("gone.jar") + " listed in origin does not exist "
                        + "(was the local Maven repository moved or cleaned?); run the build");
        assertThatThrownBy(() -> RESOURCE.parse(" \n", "origin"))
                .hasMessage("The test classpath in origin lists no core-*.jar (0 entries); run the build");
        assertThatThrownBy(RESOURCE::load).hasMessage("The test classpath resource io/streamcl/test/missing.classpath "
                + "is not on the classpath (it comes from the test jar); run the build");
    }
}
