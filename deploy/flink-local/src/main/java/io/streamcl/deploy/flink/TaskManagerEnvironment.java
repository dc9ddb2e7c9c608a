package io.streamcl.deploy.flink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Environment variables for the TaskManager JVMs that keep ND4J's native math fast on small machines
 * (see docs/operations.md); a variable the user has set already is left as it is.
 */
final class TaskManagerEnvironment {

    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");
    private static final Pattern AVX512F = Pattern.compile("(?m)^flags\\s*:.*\\bavx512f\\b");

    private TaskManagerEnvironment() {
    }

    /** The variables to add to this JVM's environment for a TaskManager started on this machine. */
    static Map<String, String> forThisMachine() {
        return of(System.getenv(), cpuInfo());
    }

    /**
     * The variables to add, given the inherited environment and the text of {@code /proc/cpuinfo}.
     *
     * <p>{@code OMP_WAIT_POLICY=PASSIVE}: OpenMP's active spinning made ND4J 2-3x slower on 2 cores.
     * {@code OPENBLAS_CORETYPE=SkylakeX} on AVX-512 CPUs: ND4J's OpenBLAS 0.3.19 does not recognise them and falls back
     * to a kernel about 4x slower.
     */
    static Map<String, String> of(Map<String, String> inherited, String cpuInfo) {
        Map<String, String> env = new LinkedHashMap<>();
        if (!inherited.containsKey("OMP_WAIT_POLICY")) {
            env.put("OMP_WAIT_POLICY", "PASSIVE");
        }
        if (!inherited.containsKey("OPENBLAS_CORETYPE") && AVX512F.matcher(cpuInfo).find()) {
            env.put("OPENBLAS_CORETYPE", "SkylakeX");
        }
        return env;
    }

    private static String cpuInfo() {
        try {
            return Files.exists(CPU_INFO) ? Files.readString(CPU_INFO) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
