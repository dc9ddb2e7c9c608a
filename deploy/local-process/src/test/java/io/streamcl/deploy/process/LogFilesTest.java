package io.streamcl.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFilesTest {

    @TempDir
    Path dir;

    @Test
    void theTailShowsTheLastLinesOfEachFileWithItsName() throws Exception {
        Path log = Files.writeString(dir.resolve("a.log"), "one\ntwo\nthree\n");
        Path empty = Files.writeString(dir.resolve("a.out"), "");

        String tail = LogFiles.tail(List.of(empty, log, dir.resolve("missing")), 2, "(nothing)");

        assertThat(tail).isEqualTo("---- last 2 lines of " + log + " ----\ntwo\nthree\n");
        assertThat(LogFiles.tail(List.of(empty), 5, "(nothing)")).isEqualTo("(nothing)\n");
    }

    @Test
    void firstExceptionFindsTheHeadOfAStackTraceInFileOrder() throws Exception {
        Path out = Files.writeString(dir.resolve("a.out"), "Starting...\n");
        Path log = Files.writeString(dir.resolve("a.log"), String.join("\n",
                "[2026-01-01 10:00:00,000] ERROR Encountered fatal fault: caught exception (x.Handler)",
                "java.lang.ClassNotFoundException: io.streamcl.NoSuchAuthorizer",
                "\tat java.base/jdk.internal.loader.BuiltinClassLoader.loadClass(BuiltinClassLoader.java:641)",
                "Caused by: java.lang.IllegalStateException: later"));
        Path thread = Files.writeString(dir.resolve("b.out"), "Exception in thread \"main\" java.lang.Error: x\n");

        assertThat(LogFiles.firstException(List.of(out, log, thread)))
                .contains("java.lang.ClassNotFoundException: io.streamcl.NoSuchAuthorizer");
        assertThat(LogFiles.firstException(List.of(thread))).contains("java.lang.Error: x");
        assertThat(LogFiles.firstException(List.of(out))).isEmpty();
    }
}
