package io.streamcl.deploy.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.deploy.process.TempDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerDirTest {

    @TempDir
    Path root;

    @Test
    void aPidFileOfAnotherLiveProcessIsNotTakenForTheBroker() {
        BrokerDir dir = new BrokerDir(root);
        dir.writeRunFiles(ProcessHandle.current().pid(), "127.0.0.1:9092");

        assertThat(dir.runningBroker()).isEmpty();
        assertThat(dir.bootstrapServers()).contains("127.0.0.1:9092");
    }

    @Test
    void aGarbledOrMissingPidFileMeansNotRunning() throws IOException {
        BrokerDir dir = new BrokerDir(root);
        assertThat(dir.runningBroker()).isEmpty();

        Files.writeString(dir.pidFile(), "not a pid");
        assertThat(dir.runningBroker()).isEmpty();
    }

    @Test
    void theLogTailShowsTheLastLinesOfEachLogWithItsName() throws IOException {
        BrokerDir dir = new BrokerDir(root);
        dir.createDirectories();
        Files.writeString(dir.serverLog(), "one\ntwo\nthree\n");
        Files.writeString(dir.brokerOutput(), "");

        String tail = dir.logTail(2);

        assertThat(tail).contains(dir.serverLog().toString()).contains("two\nthree\n").doesNotContain("one")
                .doesNotContain(dir.brokerOutput().toString());
        assertThat(new BrokerDir(root.resolve("empty")).logTail(5)).contains("no broker output");
    }

    @Test
    void firstExceptionFindsTheHeadOfAStackTrace() throws IOException {
        BrokerDir dir = new BrokerDir(root);
        dir.createDirectories();
        Files.writeString(dir.formatOutput(), "Formatting...\n");
        Files.writeString(dir.serverLog(), String.join("\n",
                "[2026-01-01 10:00:00,000] ERROR Encountered fatal fault: caught exception (x.Handler)",
                "java.lang.ClassNotFoundException: io.streamcl.NoSuchAuthorizer",
                "\tat java.base/jdk.internal.loader.BuiltinClassLoader.loadClass(BuiltinClassLoader.java:641)",
                "Caused by: java.lang.IllegalStateException: later"));

        assertThat(dir.firstException()).contains("java.lang.ClassNotFoundException: io.streamcl.NoSuchAuthorizer");
    }

    @Test
    void aNewRunStartsWithFreshLogsAndKeepsThePreviousServerLog() throws IOException {
        BrokerDir dir = new BrokerDir(root);
        dir.createDirectories();
        Files.writeString(dir.serverLog(), "java.lang.IllegalStateException: from the last run\n");
        Files.writeString(dir.brokerOutput(), "old\n");

        dir.startNewLogs();

        assertThat(dir.firstException()).isEmpty();
        assertThat(dir.brokerOutput()).doesNotExist();
        assertThat(dir.logs().resolve("previous-server.log")).hasContent("java.lang.IllegalStateException: from the last run");
    }

    @Test
    void theSweepDeletesATemporaryDirectoryWhoseBrokerIsDead() throws Exception {
        Path orphan = Files.createDirectories(root.resolve("streamcl-kafka-tmp-1"));
        Files.createFile(orphan.resolve(TempDirs.MARKER));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        new BrokerDir(orphan).writeRunFiles(gone.pid(), "127.0.0.1:1");

        BrokerDir.TEMP_DIRS.deleteOrphansIn(root);

        assertThat(orphan).doesNotExist();
    }

    @Test
    void deleteRemovesTheWholeTree() throws IOException {
        BrokerDir dir = new BrokerDir(root.resolve("kafka"));
        dir.createDirectories();
        Files.writeString(dir.kafkaData().resolve("meta.properties"), "x");

        assertThat(dir.isFormatted()).isTrue();
        dir.delete();
        assertThat(dir.root()).doesNotExist();
    }
}
