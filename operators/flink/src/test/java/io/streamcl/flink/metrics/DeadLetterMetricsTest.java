package io.streamcl.flink.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.flink.serde.DeadLetters;
import io.streamcl.flink.serde.KafkaRecord;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

/** Tests {@link DeadLetterMetrics}: one counter per reason in its own metric group, and the total. */
class DeadLetterMetricsTest {
    /** Keeps every counter registered through it or its subgroups, by scope and name ("reason=x.deadLetters"). */
    private static final class RecordingGroup extends UnregisteredMetricsGroup {
        private final String scope;
        private final Map<String, Counter> counters;

        RecordingGroup(String scope, Map<String, Counter> counters) {
            this.scope = scope;
            this.counters = counters;
        }

        @Override
        public Counter counter(String name) {
            return counter(name, new SimpleCounter());
        }

        @Override
        public <C extends Counter> C counter(String name, C counter) {
            counters.put(scope + name, counter);
            return counter;
        }

        @Override
        public MetricGroup addGroup(String key, String value) {
            return new RecordingGroup(scope + key + "=" + value + ".", counters);
        }
    }

    @Test
    void countsEachReasonInItsOwnGroupAndInTotal() {
        Map<String, Counter> counters = new LinkedHashMap<>();
        DeadLetterMetrics metrics = new DeadLetterMetrics(new RecordingGroup("", counters));
        KafkaRecord record = new KafkaRecord("examples", 0, 7L, "k".getBytes(StandardCharsets.UTF_8), new byte[] {1});
        for (int i = 0; i < DeadLetterMetrics.LOGGED_PER_REASON + 5; i++) {
            metrics.count(DeadLetters.of(record, "undecodable", "bad bytes " + i));
        }
        metrics.count(DeadLetters.of(record, "too-many-keys", "key 'k' over the limit"));

        assertThat(metrics.count("undecodable")).isEqualTo(DeadLetterMetrics.LOGGED_PER_REASON + 5);
        assertThat(metrics.count("too-many-keys")).isEqualTo(1);
        assertThat(metrics.count("invalid")).isZero();
        assertThat(counters).containsOnlyKeys(ExportedMetrics.DEAD_LETTERS,
                "reason=undecodable." + ExportedMetrics.DEAD_LETTERS, "reason=too-many-keys." + ExportedMetrics.DEAD_LETTERS);
        assertThat(counters.get(ExportedMetrics.DEAD_LETTERS).getCount()).as("total")
                .isEqualTo(DeadLetterMetrics.LOGGED_PER_REASON + 6);
        assertThat(counters.get("reason=too-many-keys." + ExportedMetrics.DEAD_LETTERS).getCount()).isEqualTo(1);
    }

    @Test
    void exportedNamesIncludeThePerReasonCounter() {
        assertThat(ExportedMetrics.prometheusNames())
                .contains(ExportedMetrics.OPERATOR_PREFIX + "reason_" + ExportedMetrics.DEAD_LETTERS);
    }
}
