package io.streamcl.tools.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamcl.tools.StreamclTools;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {
    @TempDir
    Path dir;

    @Test
    void findsTheNewestCompletedCheckpointOfAJob() throws IOException {
        Path job = dir.resolve("0123456789abcdef0123456789abcdef");
        for (String checkpoint : new String[] {"chk-3", "chk-12", "chk-15"}) {
            Files.createDirectories(job.resolve(checkpoint));
        }
        Files.createFile(job.resolve("chk-3/_metadata"));
        Files.createFile(job.resolve("chk-12/_metadata"));
        assertThat(CheckpointLocator.latest(dir)).as("chk-15 has no _metadata: not completed")
                .isEqualTo(job.resolve("chk-12"));
        assertThat(CheckpointLocator.latest(job.resolve("chk-3"))).isEqualTo(job.resolve("chk-3"));
        assertThatThrownBy(() -> CheckpointLocator.latest(job.resolve("chk-15")))
                .hasMessageContaining("no completed checkpoint").hasMessageContaining("RETAIN_ON_CANCELLATION");
    }

    @Test
    void helpListsTheOptionsAndBadUsageExitsWithTwo() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(StreamclTools.run(new PrintWriter(out, true), new PrintWriter(err, true), "export", "--help")).isZero();
        assertThat(out.toString()).contains("--savepoint", "--checkpoints", "--key", "--weights", "--out", "--config");

        assertThat(StreamclTools.run(new PrintWriter(out, true), new PrintWriter(err, true), "export", "--savepoint",
                dir.toString(), "--out", dir.toString())).isEqualTo(StreamclTools.USAGE_ERROR);
        assertThat(err.toString()).contains("--key");
        assertThat(StreamclTools.run(new PrintWriter(out, true), new PrintWriter(err, true), "export", "--savepoint",
                dir.toString(), "--key", "k", "--weights", "best", "--out", dir.toString()))
                .isEqualTo(StreamclTools.USAGE_ERROR);
        assertThat(err.toString()).contains("--weights must be raw or ema, got 'best'");
    }
}
