package io.streamcl.jobs.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamcl.flink.metrics.ExportedMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Validates the monitoring files under {@code deploy/k8s/monitoring}: the Prometheus rules with {@code promtool check
 * rules} (Debian package {@code prometheus}), the Grafana dashboard as JSON, and that every metric either names is one
 * the jobs export ({@link ExportedMetrics}).
 */
class MonitoringFilesTest {
    private static final Path MONITORING = Path.of("..", "deploy", "k8s", "monitoring");
    private static final Path RULES = MONITORING.resolve("streamcl-rules.yaml");
    private static final Path DASHBOARD = MONITORING.resolve("grafana-dashboard.json");
    private static final Pattern METRIC = Pattern.compile("\\bflink_[A-Za-z0-9_]+");

    @Test
    void promtoolAcceptsTheAlertingRules() throws Exception {
        Process promtool;
        try {
            promtool = new ProcessBuilder("promtool", "check", "rules", RULES.toString()).redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError("promtool is not installed (apt-get install prometheus; .ci/run does)", e);
        }
        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS: 6 rules found");
    }

    @Test
    void theRulesUseOnlyExportedMetrics() throws IOException {
        List<String> names = metricNames(Files.readString(RULES));
        assertThat(names).isNotEmpty();
        assertThat(ExportedMetrics.prometheusNames()).containsAll(names);
    }

    @Test
    void everyDashboardPanelQueriesExportedMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        assertThat(dashboard.path("uid").asText()).isEqualTo("streamcl-fleet");
        JsonNode panels = dashboard.path("panels");
        assertThat(panels.isArray() && !panels.isEmpty()).as("panels").isTrue();
        for (JsonNode panel : panels) {
            JsonNode targets = panel.path("targets");
            assertThat(targets.isArray() && !targets.isEmpty()).as("targets of panel %s", panel.path("title")).isTrue();
            for (JsonNode target : targets) {
                List<String> names = metricNames(target.path("expr").asText());
                assertThat(names).as("metrics of panel %s", panel.path("title")).isNotEmpty();
                assertThat(ExportedMetrics.prometheusNames()).as("panel %s", panel.path("title")).containsAll(names);
            }
        }
    }

    private static List<String> metricNames(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }
}
