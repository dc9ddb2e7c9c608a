package io.streamcl.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFilesTest {

    @TempDir
    Path root;

    @Test
    void aChildStartedWithTheMarkerIsFoundAndAnotherLiveProcessIsNot() throws Exception {
        RunFiles runs = new RunFiles(root, "streamcl.test.dataDir", "address");
        Process child = new ChildJvm(List.of(ChildJvmTest.testClasses())).options(runs.markerOption())
                .output(root.resolve("child.out"))
                .launch(root.resolve("launcher-classes"), false, SleepingMain.class.getName(), List.of(), "start");
        try {
            runs.writePid("child", child.pid());
            runs.writePid("other", ProcessHandle.current().pid());
            runs.writeAddress("127.0.0.1:1");

            assertThat(runs.recorded()).containsExactly("child", "other");
            assertThat(runs.running("child")).map(ProcessHandle::pid).contains(child.pid());
            assertThat(runs.running("other")).as("a live pid of no child of this directory").isEmpty();
            assertThat(new RunFiles(root.resolve("elsewhere/.."), "streamcl.other.dataDir", "address")
                    .running("child")).as("another launcher's marker").isEmpty();
            assertThat(runs.isOrphaned()).isFalse();
            assertThat(runs.address()).contains("127.0.0.1:1");
        } finally {
            ChildJvm.stop(child.toHandle(), Duration.ofSeconds(20));
        }
        assertThat(runs.isOrphaned()).isTrue();
        runs.delete();
        assertThat(runs.recorded()).isEmpty();
        assertThat(runs.addressFile()).doesNotExist();
    }

    @Test
    void aGarbledOrMissingPidFileMeansNotRunning() throws Exception {
        RunFiles runs = new RunFiles(root, "streamcl.test.dataDir", "address");
        assertThat(runs.running("child")).isEmpty();
        assertThat(runs.isOrphaned()).as("nothing ever ran here").isFalse();

        Files.writeString(runs.pidFile("child"), "not a pid");
        assertThat(runs.running("child")).isEmpty();
        assertThat(new RunFiles(root.resolve("absent"), "p", "a").recorded()).isEmpty();
    }
}
