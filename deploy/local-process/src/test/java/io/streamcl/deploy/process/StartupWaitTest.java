package io.streamcl.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StartupWaitTest {

    @Test
    void returnsOnceReadyAndReportsAnEarlyExitOrTheLastProbeAtTheDeadline() throws Exception {
        Process alive = new ProcessBuilder("sleep", "30").start();
        Process dead = new ProcessBuilder("sh", "-c", "exit 7").start();
        dead.waitFor();
        try {
            AtomicInteger probes = new AtomicInteger();
            StartupWait.await(Map.of("a", alive), far(), Duration.ofMillis(1), "the test", probe(probes, 3));
            assertThat(probes).hasValue(3);

            Map<String, Process> both = new LinkedHashMap<>();
            both.put("a", alive);
            both.put("b", dead);
            assertThatThrownBy(() -> StartupWait.await(both, far(), Duration.ofMillis(1), "the test",
                    probe(new AtomicInteger(), 3))).hasMessage("b exited with 7");

            assertThatThrownBy(() -> StartupWait.await(Map.of("a", alive), System.nanoTime(), Duration.ofMillis(1),
                    "the test", probe(new AtomicInteger(), 1_000))).hasMessage("timed out after probe 1");
        } finally {
            alive.destroyForcibly();
        }
    }

    private static long far() {
        return System.nanoTime() + Duration.ofMinutes(1).toNanos();
    }

    private static StartupWait.Probe<Integer> probe(AtomicInteger probes, int readyAt) {
        return new StartupWait.Probe<>() {
            @Override
            public Integer probe() {
                return probes.incrementAndGet();
            }

            @Override
            public boolean isReady(Integer found) {
                return found >= readyAt;
            }

            @Override
            public RuntimeException exitedEarly(String process, int exitCode) {
                return new IllegalStateException(process + " exited with " + exitCode);
            }

            @Override
            public RuntimeException timedOut(Integer lastFound) {
                return new IllegalStateException("timed out after probe " + lastFound);
            }
        };
    }
}
