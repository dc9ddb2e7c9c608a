package io.streamcl.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempDirsTest {

    private static final TempDirs TEMP_DIRS =
            new TempDirs("streamcl-test-tmp-", "the test", root -> new RunFiles(root, "streamcl.test.dataDir", "a"));

    @TempDir
    Path tmp;

    @Test
    void deletesOnlyMarkedDirectoriesWhoseChildrenAreDead() throws Exception {
        long deadPid = deadProcessPid();
        Path orphan = dataDir("streamcl-test-tmp-1", true, deadPid);
        Path chosenByUser = dataDir("streamcl-test-tmp-2", false, deadPid);
        Path failedStart = dataDir("streamcl-test-tmp-3", true, -1);
        Path otherName = dataDir("streamcl-test-local-root", true, deadPid);

        TEMP_DIRS.deleteOrphansIn(tmp);

        assertThat(orphan).doesNotExist();
        assertThat(chosenByUser).exists();
        assertThat(failedStart).as("no pid file: logs of a failed start are kept").exists();
        assertThat(otherName).exists();
    }

    @Test
    void createdDirectoriesAreMarked() throws Exception {
        Path dir = TEMP_DIRS.create();
        try {
            assertThat(dir.getFileName().toString()).startsWith("streamcl-test-tmp-");
            assertThat(dir.resolve(TempDirs.MARKER)).exists();
        } finally {
            FileTrees.delete(dir);
        }
        assertThat(dir).doesNotExist();
    }

    private Path dataDir(String name, boolean marked, long pid) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name).resolve("data"));
        if (marked) {
            Files.createFile(tmp.resolve(name).resolve(TempDirs.MARKER));
        }
        if (pid > 0) {
            new RunFiles(tmp.resolve(name), "streamcl.test.dataDir", "a").writePid("child", pid);
        }
        return dir.getParent();
    }

    private static long deadProcessPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }
}
