package io.streamcl.deploy.flink;

import io.streamcl.deploy.process.Ports;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Flink configuration ({@code conf/config.yaml}) of a local standalone cluster, and the JVM options the Flink
 * scripts would derive from it.
 */
final class ClusterConfig {

    /** Flink's Prometheus reporter (flink-metrics-prometheus, on the cluster classpath). */
    static final String PROMETHEUS_REPORTER = "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";

    /** Avro 1.12 decodes generated classes only from trusted packages (see docs/operations.md). */
    static final String AVRO_TRUSTED_PACKAGES = "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.streamcl.schemas";

    /** What Flink's distribution puts in its config.yaml for Java 17 (module access of Kryo, the RPC system, ...). */
    static final String JAVA_17_MODULE_OPTIONS = String.join(" ",
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    /** Settings the launcher derives from its own options and directories; each names the option to use instead. */
    private static final Map<String, String> OWNED = ownedKeys();

    private static final Pattern JVM_SIZE = Pattern.compile("\\d+[kKmMgG]?[bB]?");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Set<String> YAML_SPECIAL_WORDS = Set.of("null", "Null", "NULL", "~", "");

    private final Map<String, String> settings;

    private ClusterConfig(Map<String, String> settings) {
        this.settings = settings;
    }

    /**
     * The configuration of a cluster in {@code dir}.
     *
     * @param overrides extra or changed settings ({@code key -> value}); checked with {@link #checkOverride}
     */
    static ClusterConfig of(ClusterDir dir, Endpoints ports, Resources resources, Map<String, String> overrides) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("jobmanager.rpc.address", Ports.HOST);
        s.put("jobmanager.rpc.port", Integer.toString(ports.rpc()));
        s.put("jobmanager.bind-host", Ports.HOST);
        s.put("taskmanager.bind-host", Ports.HOST);
        s.put("taskmanager.host", Ports.HOST);
        s.put("rest.address", Ports.HOST);
        s.put("rest.bind-address", Ports.HOST);
        s.put("rest.port", Integer.toString(ports.rest()));
        // Prometheus scrape endpoints: each process takes the first free port of the range (JobManager first).
        s.put("metrics.reporter.prom.factory.class", PROMETHEUS_REPORTER);
        s.put("metrics.reporter.prom.port", ports.metricsFrom() + "-" + ports.metricsTo());

        // Sized for a 2-core, 24 GB machine that also runs a Kafka broker and a build: a TaskManager, a slot per core.
        s.put("jobmanager.memory.process.size", resources.jobManagerMemory());
        s.put("taskmanager.memory.process.size", resources.taskManagerMemory());
        s.put("taskmanager.numberOfTaskSlots", Integer.toString(resources.slots()));
        // Learner state lives on the heap (hashmap backend); managed memory only serves RocksDB and batch operators.
        s.put("taskmanager.memory.managed.fraction", "0.1");
        // Declared room outside the heap for what ND4J allocates through JavaCPP.
        s.put("taskmanager.memory.task.off-heap.size", "512m");
        s.put("parallelism.default", "1");
        // A TaskManager restarted on a loaded 2-core machine (the soak's kill -9) may need more than the default 10 s
        // to bind its RPC system; it would exit with code 239 and the cluster would lose a slot for good.
        s.put("pekko.startup-timeout", "60 s");

        s.put("state.backend.type", "hashmap");
        s.put("execution.checkpointing.dir", dir.checkpoints().toUri().toString());
        s.put("execution.checkpointing.savepoint-dir", dir.savepoints().toUri().toString());
        s.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        s.put("pipeline.generic-types", "false");
        // A job's main runs inside the JobManager when submitted over REST: its System.exit must not end that JVM.
        s.put("cluster.intercept-user-system-exit", "THROW");
        s.put("io.tmp.dirs", dir.tmp().toString());
        s.put("web.upload.dir", dir.webUpload().toString());

        s.put("env.java.default-opts.all", JAVA_17_MODULE_OPTIONS);
        s.put("env.java.opts.all", AVRO_TRUSTED_PACKAGES);
        s.put("env.java.opts.taskmanager", "-Dorg.bytedeco.javacpp.cachedir=" + dir.javacppCache());

        overrides.forEach((key, value) -> {
            checkOverride(key, value);
            s.put(key, value);
        });
        return new ClusterConfig(s);
    }

    /** Rejects blank keys and the settings the launcher owns, naming the option to use instead. */
    static void checkOverride(String key, String value) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Flink setting key '" + key + "' is not a configuration key like "
                    + "execution.checkpointing.interval");
        }
        if (value == null || value.contains("\n")) {
            throw new IllegalArgumentException("Flink setting " + key + " needs a one-line value, got '" + value + "'");
        }
        String instead = OWNED.get(key);
        if (instead != null) {
            throw new IllegalArgumentException("Flink setting " + key + " is set by the launcher; " + instead);
        }
    }

    /** Checks a memory size for a Flink process, e.g. {@code 4g} or {@code 1280m}. */
    static String checkMemory(String size, String what) {
        if (size == null || !JVM_SIZE.matcher(size).matches()) {
            throw new IllegalArgumentException(what + " '" + size + "' is not a size like 4g or 1280m");
        }
        return size;
    }

    Map<String, String> settings() {
        return settings;
    }

    /** JVM options of a {@code jobmanager} or {@code taskmanager}, in the order Flink's scripts build them. */
    List<String> jvmOptions(String role) {
        List<String> options = new ArrayList<>();
        options.add("-XX:+IgnoreUnrecognizedVMOptions");
        for (String key : List.of("env.java.default-opts.all", "env.java.opts.all",
                "env.java.default-opts." + role, "env.java.opts." + role)) {
            String value = settings.getOrDefault(key, "").strip();
            if (!value.isEmpty()) {
                options.addAll(Arrays.asList(value.split("\\s+")));
            }
        }
        return options;
    }

    /** {@code config.yaml}: one flat {@code key: value} line per setting, as Flink 2 reads it. */
    String render(String header) {
        StringBuilder yaml = new StringBuilder();
        header.lines().forEach(line -> yaml.append("# ").append(line).append('\n'));
        settings.forEach((key, value) -> yaml.append(key).append(": ").append(yamlScalar(value)).append('\n'));
        return yaml.toString();
    }

    /** A value as a YAML scalar: plain when YAML reads it back as the same string, single-quoted otherwise. */
    static String yamlScalar(String value) {
        boolean plain = !YAML_SPECIAL_WORDS.contains(value)
                && value.equals(value.strip())
                && "?:,[]{}#&*!|>'\"%@`".indexOf(value.charAt(0)) < 0
                && !value.equals("-") && !value.startsWith("- ")
                && !value.contains(": ") && !value.contains(" #") && !value.endsWith(":");
        return plain ? value : "'" + value.replace("'", "''") + "'";
    }

    private static Map<String, String> ownedKeys() {
        Map<String, String> owned = new LinkedHashMap<>();
        String addresses = "the cluster listens on " + Ports.HOST + " only";
        for (String key : List.of("jobmanager.rpc.address", "jobmanager.bind-host", "taskmanager.bind-host",
                "taskmanager.host", "rest.address", "rest.bind-address")) {
            owned.put(key, addresses);
        }
        owned.put("rest.port", "use --rest-port (LocalFlink.Builder#restPort)");
        owned.put("rest.bind-port", "use --rest-port (LocalFlink.Builder#restPort)");
        owned.put("metrics.reporter.prom.port", "use --metrics-port (LocalFlink.Builder#metricsPort)");
        owned.put("jobmanager.rpc.port", "the launcher picks a free port");
        owned.put("taskmanager.numberOfTaskSlots", "use --slots (LocalFlink.Builder#slots)");
        owned.put("jobmanager.memory.process.size", "use --jobmanager-memory (LocalFlink.Builder#jobManagerMemory)");
        owned.put("taskmanager.memory.process.size", "use --taskmanager-memory (LocalFlink.Builder#taskManagerMemory)");
        owned.put("io.tmp.dirs", "it lives in the data directory (--data-dir)");
        owned.put("web.upload.dir", "it lives in the data directory (--data-dir)");
        return Map.copyOf(owned);
    }

    /** The ports a cluster listens on; the Prometheus reporters take theirs from {@code metricsFrom..metricsTo}. */
    record Endpoints(int rest, int rpc, int metricsFrom, int metricsTo) {
    }

    /** Slots and process sizes of a cluster. */
    record Resources(int slots, String jobManagerMemory, String taskManagerMemory) {
    }
}
