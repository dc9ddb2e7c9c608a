package io.streamcl.deploy.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempDataDirsTest {

    @TempDir
    Path tmp;

    @Test
    void deletesOnlyMarkedDirectoriesWhoseBrokerIsDead() throws Exception {
        long deadPid = deadProcessPid();
        Path orphan = dataDir("streamcl-kafka-tmp-1", true, deadPid);
        Path chosenByUser = dataDir("streamcl-kafka-tmp-2", false, deadPid);
        Path failedStart = dataDir("streamcl-kafka-tmp-3", true, -1);
        Path otherName = dataDir("streamcl-kafka-local-root", true, deadPid);

        TempDataDirs.deleteOrphansIn(tmp);

        assertThat(orphan).doesNotExist();
        assertThat(chosenByUser).exists();
        assertThat(failedStart).as("no pid file: logs of a failed start are kept").exists();
        assertThat(otherName).exists();
    }

    private Path dataDir(String name, boolean marked, long pid) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name).resolve("kafka-data"));
        if (marked) {
            Files.createFile(tmp.resolve(name).resolve(TempDataDirs.MARKER));
        }
        if (pid > 0) {
            new BrokerDir(tmp.resolve(name)).writeRunFiles(pid, "127.0.0.1:1");
        }
        return dir.getParent();
    }

    private static long deadProcessPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }
}
