package io.streamcl.deploy.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskManagerEnvironmentTest {
    private static final String AVX512_CPU = "processor\t: 0\nflags\t\t: fpu sse2 avx2 avx512f avx512dq\n\n";
    private static final String AVX2_CPU = "processor\t: 0\nflags\t\t: fpu sse2 avx2 fma\n\n";

    @Test
    void passiveOpenMpAlwaysAndSkylakeXKernelsOnAvx512() {
        assertThat(TaskManagerEnvironment.of(Map.of(), AVX512_CPU))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("OMP_WAIT_POLICY", "PASSIVE", "OPENBLAS_CORETYPE", "SkylakeX"));
        assertThat(TaskManagerEnvironment.of(Map.of(), AVX2_CPU)).containsOnlyKeys("OMP_WAIT_POLICY");
        assertThat(TaskManagerEnvironment.of(Map.of(), "")).containsOnlyKeys("OMP_WAIT_POLICY");
    }

    @Test
    void leavesWhatTheUserSetAlone() {
        assertThat(TaskManagerEnvironment.of(Map.of("OPENBLAS_CORETYPE", "Haswell", "OMP_WAIT_POLICY", "ACTIVE"),
                AVX512_CPU)).isEmpty();
    }

    @Test
    void avx512fMustBeAFlagNotASubstringOfAnotherOne() {
        assertThat(TaskManagerEnvironment.of(Map.of(), "flags\t\t: avx512fx\n")).doesNotContainKey("OPENBLAS_CORETYPE");
        assertThat(TaskManagerEnvironment.of(Map.of(), "model name\t: avx512f marketing\n"))
                .doesNotContainKey("OPENBLAS_CORETYPE");
    }
}
