package io.streamcl.deploy.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSubmissionTest {

    @Test
    void aMissingJarSaysHowToBuildIt(@TempDir Path dir) {
        assertThatThrownBy(() -> JobSubmission.of(dir.resolve("streamcl-jobs-job.jar"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("streamcl-jobs-job.jar does not exist")
                .hasMessageContaining("mvn -B -q -pl jobs -am package -DskipTests");
    }

    @Test
    void defaultsToTheManifestAndTheClusterParallelismAndCopiesTheArguments(@TempDir Path dir) throws Exception {
        Path jar = Files.createFile(dir.resolve("job.jar"));
        List<String> args = new ArrayList<>(List.of("--bounded"));

        JobSubmission submission = JobSubmission.of(jar, args);
        args.add("--later");

        assertThat(submission.entryClass()).isEmpty();
        assertThat(submission.parallelism()).isEmpty();
        assertThat(submission.args()).containsExactly("--bounded");
        assertThat(submission.withEntryClass("a.B").withParallelism(2))
                .isEqualTo(new JobSubmission(jar, Optional.of("a.B"), List.of("--bounded"), Optional.of(2)));
        assertThatThrownBy(() -> submission.withParallelism(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> submission.withEntryClass(" ")).hasMessageContaining("Main-Class");
    }
}
