package io.streamcl.deploy.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterConfigTest {
    private static final ClusterDir DIR = new ClusterDir(Path.of("/data/flink"));
    private static final ClusterConfig.Endpoints PORTS = new ClusterConfig.Endpoints(8081, 40123, 9249, 9258);
    private static final ClusterConfig.Resources RESOURCES = new ClusterConfig.Resources(2, "1280m", "4g");

    @Test
    void configuresTheClusterForStreamCl() {
        Map<String, String> s = ClusterConfig.of(DIR, PORTS, RESOURCES, Map.of()).settings();

        assertThat(s).containsEntry("rest.port", "8081").containsEntry("jobmanager.rpc.port", "40123")
                .containsEntry("rest.bind-address", "127.0.0.1").containsEntry("taskmanager.numberOfTaskSlots", "2")
                .containsEntry("taskmanager.memory.process.size", "4g")
                .containsEntry("jobmanager.memory.process.size", "1280m")
                .containsEntry("pipeline.generic-types", "false")
                .containsEntry("execution.checkpointing.dir", "file:///data/flink/checkpoints")
                .containsEntry("execution.checkpointing.savepoint-dir", "file:///data/flink/savepoints")
                .containsEntry("env.java.opts.all", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.streamcl.schemas")
                .containsEntry("cluster.intercept-user-system-exit", "THROW")
                .containsEntry("web.upload.dir", "/data/flink/web-upload")
                .containsEntry("metrics.reporter.prom.factory.class",
                        "org.apache.flink.metrics.prometheus.PrometheusReporterFactory")
                .containsEntry("metrics.reporter.prom.port", "9249-9258");
    }

    @Test
    void overridesReplaceDefaultsAndAddSettings() {
        Map<String, String> s = ClusterConfig.of(DIR, PORTS, RESOURCES, Map.of(
                "pipeline.generic-types", "true", "execution.checkpointing.interval", "10s")).settings();

        assertThat(s).containsEntry("pipeline.generic-types", "true")
                .containsEntry("execution.checkpointing.interval", "10s");
    }

    @Test
    void refusesSettingsTheLauncherOwnsAndNamesTheOptionToUse() {
        assertThatThrownBy(() -> ClusterConfig.checkOverride("rest.port", "9000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rest-port");
        assertThatThrownBy(() -> ClusterConfig.checkOverride("taskmanager.memory.process.size", "8g"))
                .hasMessageContaining("--taskmanager-memory");
        assertThatThrownBy(() -> ClusterConfig.checkOverride("rest.bind-address", "0.0.0.0"))
                .hasMessageContaining("127.0.0.1 only");
        assertThatThrownBy(() -> ClusterConfig.checkOverride("not a key", "x")).hasMessageContaining("not a key");
        assertThatThrownBy(() -> ClusterConfig.checkOverride("a.b", "two\nlines")).hasMessageContaining("one-line");
    }

    @Test
    void jvmOptionsFollowTheScriptsOrderDefaultsFirstThenTheRolesOwn() {
        ClusterConfig config = ClusterConfig.of(DIR, PORTS, RESOURCES, Map.of(
                "env.java.opts.all", "-Da=1  -Db=2", "env.java.opts.jobmanager", "-Djm=1"));

        List<String> tm = config.jvmOptions("taskmanager");
        List<String> jm = config.jvmOptions("jobmanager");

        assertThat(tm.get(0)).isEqualTo("-XX:+IgnoreUnrecognizedVMOptions");
        assertThat(tm).contains("--add-opens=java.base/java.util=ALL-UNNAMED")
                .containsSubsequence("--add-opens=java.base/java.util=ALL-UNNAMED", "-Da=1", "-Db=2",
                        "-Dorg.bytedeco.javacpp.cachedir=/data/flink/javacpp-cache")
                .doesNotContain("-Djm=1");
        assertThat(jm).endsWith("-Da=1", "-Db=2", "-Djm=1").noneMatch(o -> o.contains("javacpp"));
    }

    @Test
    void rendersFlatYamlQuotingOnlyWhatYamlWouldReadDifferently() {
        String yaml = ClusterConfig.of(DIR, PORTS, RESOURCES, Map.of("a.b", "x: y")).render("line one\nline two");

        assertThat(yaml).startsWith("# line one\n# line two\n")
                .contains("\nrest.port: 8081\n")
                .contains("\nenv.java.opts.all: -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.streamcl.schemas\n")
                .contains("\nexecution.checkpointing.dir: file:///data/flink/checkpoints\n")
                .contains("\na.b: 'x: y'\n");
        assertThat(ClusterConfig.yamlScalar("--add-opens=java.base/java.lang=ALL-UNNAMED -Dx=1"))
                .isEqualTo("--add-opens=java.base/java.lang=ALL-UNNAMED -Dx=1");
        assertThat(ClusterConfig.yamlScalar("")).isEqualTo("''");
        assertThat(ClusterConfig.yamlScalar("null")).isEqualTo("'null'");
        assertThat(ClusterConfig.yamlScalar("it's #1")).isEqualTo("'it''s #1'");
        assertThat(ClusterConfig.yamlScalar("*.jar")).isEqualTo("'*.jar'");
        assertThat(ClusterConfig.yamlScalar("- item")).isEqualTo("'- item'");
    }

    @Test
    void checksMemorySizes() {
        assertThat(ClusterConfig.checkMemory("1280m", "x")).isEqualTo("1280m");
        assertThat(ClusterConfig.checkMemory("4g", "x")).isEqualTo("4g");
        assertThatThrownBy(() -> ClusterConfig.checkMemory("4 GB", "TaskManager memory"))
                .hasMessage("TaskManager memory '4 GB' is not a size like 4g or 1280m");
    }
}
