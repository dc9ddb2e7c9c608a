package io.streamcl.flink.alert;

import io.streamcl.flink.config.LearnerGrid;

import io.streamcl.core.detect.AlertOpened;
import io.streamcl.flink.config.AlertSettings;
import io.streamcl.flink.config.LearnerGrid;
import io.streamcl.flink.metrics.ExportedMetrics;
import io.streamcl.flink.metrics.KeyGauges;
import io.streamcl.flink.serde.AlertRecords;
import io.streamcl.flink.serde.InvalidRecordException;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.ForgettingAlert;
import java.util.LinkedHashMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per learner key: runs the key's {@link LearnerAlerts} (the core's forgetting, divergence and plasticity-loss
 * rules) over its {@link EvaluationEvent}s and emits a {@link ForgettingAlert} for every alert that opens or
 * resolves. A thin shell: it owns state, metrics and output.
 *
 * <p>State is keyed by learner key and configuration hash (and grid name, {@link #stateKey}), so a new
 * configuration of a key starts fresh alert state. A key's events come in order from one Kafka partition; one that goes back (a model
 * restarted under the same configuration, e.g. a stateless redeploy) starts a new run with fresh alert state
 * ({@code alertRestarts} metric), and a duplicate is skipped ({@code staleEvaluations}); see
 * {@link LearnerAlerts#position}. Each learner key reports its open forgetting alerts in the gauge
 * {@code learner.<key>.alertsOpen}.
 */
public class AlertFunction extends KeyedProcessFunction<String, EvaluationEvent, ForgettingAlert> {
    /** Name of the keyed state; part of the savepoint format, never rename. */
    public static final String STATE_NAME = "alerts";

    /** The config travels to the cluster as settings text: core configs are not Java-serializable by design. */
    private final LinkedHashMap<String, String> settings;
    private transient AlertConfig config;
    private transient ValueState<LearnerAlerts> state;
    private transient Counter stale;
    private transient Counter restarts;
    private transient KeyGauges gauges;
    private transient Counter opened;
    private transient Counter resolved;

    public AlertFunction(AlertConfig config) {
        this.settings = new LinkedHashMap<>(AlertSettings.format(config));
    }

    /** The check the alert job's decoder applies: what an event needs to be keyed and routed. */
    public static EvaluationEvent checked(EvaluationEvent event) throws InvalidRecordException {
        if (event.getKey().isBlank()) {
            throw new InvalidRecordException("key must not be blank, got '" + event.getKey() + "'");
        }
        return event;
    }

    /** The state key of an event: its learner key and {@link #configScope}, joined by a unit separator. */
    public static String stateKey(EvaluationEvent event) {
        return event.getKey() + '\u001f' + configScope(event);
    }

    /**
     * The configuration an event's alerts belong to: its hash, prefixed with its grid name ({@code name:hash})
     * unless that is absent or {@code default}, so two configurations of one grid job that differ only in policies
     * (same hash) never share alert state or alert ids, and a job without a grid keeps its state keys.
     */
    public static String configScope(EvaluationEvent event) {
        String name = event.getConfigName();
        return name == null || name.equals(LearnerGrid.DEFAULT_NAME) ? event.getConfigHash()
                : name + ":" + event.getConfigHash();
    }

    @Override
    public void open(OpenContext context) {
        config = AlertSettings.parse(settings);
        state = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE_NAME, new AlertStateSerializer(config)));
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        stale = metrics.counter(ExportedMetrics.STALE_EVALUATIONS);
        restarts = metrics.counter(ExportedMetrics.ALERT_RESTARTS);
        gauges = new KeyGauges(metrics);
        opened = metrics.counter(ExportedMetrics.ALERTS_OPENED);
        resolved = metrics.counter(ExportedMetrics.ALERTS_RESOLVED);
    }

    @Override
    public void processElement(EvaluationEvent event, Context ctx, Collector<ForgettingAlert> out) throws Exception {
        LearnerAlerts alerts = state.value();
        if (alerts == null) {
            alerts = LearnerAlerts.create(config);
        }
        switch (alerts.position(event)) {
            case DUPLICATE -> {
                stale.inc();
                return;
            }
            case RESTART -> {
                restarts.inc();
                alerts = alerts.nextRun();
            }
            case NEW -> { }
        }
        for (RaisedAlert raised : alerts.observe(event)) {
            (raised.event() instanceof AlertOpened ? opened : resolved).inc();
            out.collect(AlertRecords.of(event, raised));
        }
        state.update(alerts);
        gauges.set(event.getKey(), ExportedMetrics.ALERTS_OPEN, alerts.openForgettingAlerts());
    }
}
