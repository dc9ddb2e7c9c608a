package io.streamcl.deploy.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskManagerEnvironmentTest {
    private static final String AVX512_CPU = "vendor_id\t: AuthenticAMD\nflags\t\t: fpu sse2 avx2 avx512f avx512dq\n\n";
    private static final String AMD_AVX2_CPU = "vendor_id\t: AuthenticAMD\nflags\t\t: fpu sse2 avx2 fma\n\n";
    private static final String INTEL_AVX2_CPU = "vendor_id\t: GenuineIntel\nflags\t\t: fpu sse2 avx2 fma\n\n";

    @Test
    void passiveOpenMpAndTheKernelForTheCpu() {
        assertThat(TaskManagerEnvironment.of(Map.of(), AVX512_CPU))
                .containsExactlyInAnyOrderEntriesOf(Map.of("OMP_WAIT_POLICY", "PASSIVE", "OPENBLAS_CORETYPE", "SkylakeX"));
        assertThat(TaskManagerEnvironment.of(Map.of(), AMD_AVX2_CPU)).containsEntry("OPENBLAS_CORETYPE", "Zen");
        assertThat(TaskManagerEnvironment.of(Map.of(), INTEL_AVX2_CPU)).containsEntry("OPENBLAS_CORETYPE", "Haswell");
        assertThat(TaskManagerEnvironment.of(Map.of(), "flags\t\t: fpu sse2\n")).containsOnlyKeys("OMP_WAIT_POLICY");
        assertThat(TaskManagerEnvironment.of(Map.of(), "")).containsOnlyKeys("OMP_WAIT_POLICY");
    }

    @Test
    void anInheritedKernelIsReplacedAndOnlyTheStreamclVariableForcesOne() {
        assertThat(TaskManagerEnvironment.of(Map.of("OPENBLAS_CORETYPE", "Haswell", "OMP_WAIT_POLICY", "ACTIVE"),
                AVX512_CPU)).containsExactlyEntriesOf(Map.of("OPENBLAS_CORETYPE", "SkylakeX"));
        assertThat(TaskManagerEnvironment.of(Map.of("STREAMCL_OPENBLAS_CORETYPE", "Haswell"), AVX512_CPU))
                .containsEntry("OPENBLAS_CORETYPE", "Haswell");
        Map<String, String> removed = new HashMap<>();
        removed.put("OPENBLAS_CORETYPE", null);
        assertThat(TaskManagerEnvironment.of(Map.of("STREAMCL_OPENBLAS_CORETYPE", "detect", "OPENBLAS_CORETYPE",
                "Haswell", "OMP_WAIT_POLICY", "PASSIVE"), AVX512_CPU)).isEqualTo(removed);
        assertThat(TaskManagerEnvironment.of(Map.of("STREAMCL_OPENBLAS_CORETYPE", "detect"), AVX512_CPU))
                .containsOnlyKeys("OMP_WAIT_POLICY");
    }

    @Test
    void flagsMustBeWholeWordsOfTheFlagsLine() {
        assertThat(TaskManagerEnvironment.of(Map.of(), "flags\t\t: avx512fx\n")).doesNotContainKey("OPENBLAS_CORETYPE");
        assertThat(TaskManagerEnvironment.of(Map.of(), "model name\t: avx512f avx2 marketing\n"))
                .doesNotContainKey("OPENBLAS_CORETYPE");
    }
}
