package io.streamcl.deploy.flink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Environment variables for the TaskManager JVMs that keep ND4J's native math fast on small machines
 * (see docs/operations.md): the same rule as the benches' {@code openblas-env.sh} and the container entrypoint.
 */
final class TaskManagerEnvironment {

    static final String CORETYPE = "OPENBLAS_CORETYPE";
    static final String FORCED_CORETYPE = "STREAMCL_OPENBLAS_CORETYPE";
    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");
    private static final Pattern FLAGS = Pattern.compile("(?m)^flags\\s*:(.*)$");
    private static final System.Logger LOG = System.getLogger(TaskManagerEnvironment.class.getName());

    private TaskManagerEnvironment() {
    }

    /** The variables to add to this JVM's environment for a TaskManager started on this machine. */
    static Map<String, String> forThisMachine() {
        Map<String, String> env = of(System.getenv(), cpuInfo());
        String inherited = System.getenv(CORETYPE);
        if (inherited != null && env.containsKey(CORETYPE) && !inherited.equals(env.get(CORETYPE))) {
            LOG.log(System.Logger.Level.WARNING, "TaskManagers run OpenBLAS kernel " + Objects.requireNonNullElse(
                    env.get(CORETYPE), "as OpenBLAS detects it") + ", not the inherited " + CORETYPE + "=" + inherited
                    + "; set " + FORCED_CORETYPE + "=" + inherited + " to use that one");
        }
        return env;
    }

    /**
     * The variables to set, given the inherited environment and the text of {@code /proc/cpuinfo}; a null value
     * removes an inherited variable.
     *
     * <p>{@code OMP_WAIT_POLICY=PASSIVE} unless set: OpenMP's active spinning made ND4J 2-3x slower on 2 cores.
     * {@code OPENBLAS_CORETYPE}: ND4J's OpenBLAS 0.3.19 does not recognise recent CPUs and falls back to slow kernels
     * (on a Zen 5 EPYC, SSE-only {@code Barcelona}), so the kernel is chosen from the CPU's flags: {@code SkylakeX}
     * with AVX-512 (Intel, and AMD from Zen 4 on), {@code Zen} on other AMD CPUs with AVX2, {@code Haswell} on other
     * AVX2 CPUs. An inherited value is replaced (a login shell may carry one set for other software, which would
     * silently decide the kernel); {@code STREAMCL_OPENBLAS_CORETYPE} forces a core name, or {@code detect} leaves
     * the choice to OpenBLAS.
     */
    static Map<String, String> of(Map<String, String> inherited, String cpuInfo) {
        Map<String, String> env = new LinkedHashMap<>();
        if (!inherited.containsKey("OMP_WAIT_POLICY")) {
            env.put("OMP_WAIT_POLICY", "PASSIVE");
        }
        String forced = inherited.getOrDefault(FORCED_CORETYPE, "");
        String coreType = forced.equals("detect") ? null : !forced.isEmpty() ? forced : coreTypeFor(cpuInfo);
        if (coreType != null || inherited.containsKey(CORETYPE)) {
            env.put(CORETYPE, coreType);
        }
        return env;
    }

    /** The OpenBLAS kernel for the first CPU in {@code cpuInfo}, or null when it has no AVX2. */
    static String coreTypeFor(String cpuInfo) {
        Matcher flags = FLAGS.matcher(cpuInfo);
        String words = flags.find() ? " " + flags.group(1).trim() + " " : "";
        if (words.contains(" avx512f ")) {
            return "SkylakeX";
        }
        if (!words.contains(" avx2 ")) {
            return null;
        }
        return cpuInfo.contains("AuthenticAMD") ? "Zen" : "Haswell";
    }

    private static String cpuInfo() {
        try {
            return Files.exists(CPU_INFO) ? Files.readString(CPU_INFO) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
