package io.streamcl.flink.metrics;

import io.streamcl.schemas.DeadLetter;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts an operator's dead letters, in total ({@code deadLetters}) and per reason (the dead letter's error type, e.g.
 * {@code undecodable}, {@code invalid}, {@code too-many-keys}: metric group {@code reason}, a {@code reason} label in
 * Prometheus), and logs the first {@value #LOGGED_PER_REASON} of each reason per subtask, then only counts them, so
 * that a flood of bad records neither hides in one number nor floods the log. The dead-letters topic keeps every one.
 */
public final class DeadLetterMetrics {
    /** The metric-group key under which each reason's counter is registered. */
    public static final String REASON = "reason";
    /** Dead letters of one reason logged per subtask before the log falls silent for that reason. */
    public static final int LOGGED_PER_REASON = 10;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterMetrics.class);

    private final MetricGroup operator;
    private final Counter total;
    private final Map<String, Counter> byReason = new HashMap<>();

    public DeadLetterMetrics(MetricGroup operator) {
        this.operator = operator;
        this.total = operator.counter(ExportedMetrics.DEAD_LETTERS);
    }

    /** Counts {@code letter} under its reason, logging it if it is among the first of that reason. */
    public void count(DeadLetter letter) {
        String reason = letter.getErrorType();
        Counter counter = byReason.computeIfAbsent(reason,
                r -> operator.addGroup(REASON, r).counter(ExportedMetrics.DEAD_LETTERS));
        counter.inc();
        total.inc();
        long seen = counter.getCount();
        if (seen <= LOGGED_PER_REASON) {
            LOG.warn("dead letter {} of reason {}{}: {} (topic {}, partition {}, offset {})", seen, reason,
                    seen == LOGGED_PER_REASON ? " (the last one logged; the rest are only counted)" : "",
                    letter.getReason(), letter.getSourceTopic(), letter.getPartition(), letter.getOffset());
        }
    }

    /** This operator's dead letters of {@code reason} so far (0 if none). */
    public long count(String reason) {
        Counter counter = byReason.get(reason);
        return counter == null ? 0 : counter.getCount();
    }
}
