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
import java.time.Duration;
import java.util.LinkedHashMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per learner key: runs the key's {@link LearnerAlerts} (the core's forgetting, divergence and plasticity-loss
 * rules) over its {@link EvaluationEvent}s and emits a {@link ForgettingAlert} for every alert that opens or
 * resolves. A thin shell: it owns state, metrics and output.
 *
 * <p>State is keyed by learner key and grid configuration name ({@link #stateKey}) and holds the alerts of that
 * learner's current run and configuration. A key's events come in order from one Kafka partition; one that goes back
 * (a model restarted under the same configuration, e.g. a stateless redeploy) starts a new run ({@code alertRestarts}
 * metric), one of another configuration hash starts afresh for that configuration, and a duplicate is skipped
 * ({@code staleEvaluations}); see {@link LearnerAlerts#position}. A superseded run's open alerts are closed first
 * (RESOLVED without a recovery step, the reason in the message; {@code alertsSuperseded}), since nothing would
 * resolve them any more. A key that sends no evaluation for the state TTL ({@code alert.state-ttl}, processing
 * time) has its open alerts closed the same way and its state dropped ({@code alertStatesExpired}). Each learner
 * key reports its open forgetting alerts in the gauge {@code learner.<key>.alertsOpen}.
 */
public class AlertFunction extends KeyedProcessFunction<String, EvaluationEvent, ForgettingAlert> {
    /** Name of the keyed state; part of the savepoint format, never rename. */
    public static final String STATE_NAME = "alerts";
    /** Name of the keyed state holding the processing time of a key's last evaluation (ms); never rename. */
    public static final String LAST_ACTIVE_STATE_NAME = "alerts-last-active";

    /** The config travels to the cluster as settings text: core configs are not Java-serializable by design. */
    private final LinkedHashMap<String, String> settings;
    /** Processing time without evaluations after which a key's state is dropped; 0 keeps it forever. */
    private final long stateTtlMillis;
    private transient AlertConfig config;
    private transient ValueState<LearnerAlerts> state;
    private transient ValueState<Long> lastActive;
    private transient Counter superseded;
    private transient Counter expired;
    private transient Counter stale;
    private transient Counter restarts;
    private transient KeyGauges gauges;
    private transient Counter opened;
    private transient Counter resolved;

    public AlertFunction(AlertConfig config) {
        this(config, AlertSettings.DEFAULT_STATE_TTL);
    }

    /** @param stateTtl processing time without evaluations after which a key's alert state is dropped; 0: never */
    public AlertFunction(AlertConfig config, Duration stateTtl) {
        if (stateTtl.isNegative()) {
            throw new IllegalArgumentException(AlertSettings.STATE_TTL + " must not be negative, got " + stateTtl);
        }
        this.settings = new LinkedHashMap<>(AlertSettings.format(config));
        this.stateTtlMillis = stateTtl.toMillis();
    }

    /** The check the alert job's decoder applies: what an event needs to be keyed and routed. */
    public static EvaluationEvent checked(EvaluationEvent event) throws InvalidRecordException {
        if (event.getKey().isBlank()) {
            throw new InvalidRecordException("key must not be blank, got '" + event.getKey() + "'");
        }
        return event;
    }

    /**
     * The state key of an event: its learner key, joined by a unit separator with its grid configuration name unless
     * that is absent or {@code default}. The configurations of one grid run side by side and keep apart; within one
     * name, a new configuration hash supersedes the old (a redeploy with changed settings).
     */
    public static String stateKey(EvaluationEvent event) {
        String name = event.getConfigName();
        return isDefault(name) ? event.getKey() : event.getKey() + '\u001f' + name;
    }

    /**
     * The configuration an alert belongs to, for its id: the hash, prefixed with the grid name ({@code name:hash})
     * unless that is absent or {@code default}, so two configurations of one grid job that differ only in policies
     * (same hash) never share alert ids, and a job without a grid keeps its ids.
     */
    public static String configScope(String configName, String configHash) {
        return isDefault(configName) ? configHash : configName + ":" + configHash;
    }

    private static boolean isDefault(String configName) {
        return configName == null || configName.equals(LearnerGrid.DEFAULT_NAME);
    }

    @Override
    public void open(OpenContext context) {
        config = AlertSettings.parse(settings);
        state = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE_NAME, new AlertStateSerializer(config)));
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        stale = metrics.counter(ExportedMetrics.STALE_EVALUATIONS);
        restarts = metrics.counter(ExportedMetrics.ALERT_RESTARTS);
        superseded = metrics.counter(ExportedMetrics.ALERTS_SUPERSEDED);
        expired = metrics.counter(ExportedMetrics.ALERT_STATES_EXPIRED);
        lastActive = getRuntimeContext().getState(new ValueStateDescriptor<>(LAST_ACTIVE_STATE_NAME, Types.LONG));
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
                close(alerts, event.getKey(), "superseded by a restarted run of the model (evaluation "
                        + event.getEvaluationSeq() + " at model step " + event.getModelStep() + ")", out);
                alerts = alerts.nextRun();
            }
            case NEW_CONFIGURATION -> {
                close(alerts, event.getKey(), "superseded by configuration " + event.getConfigHash(), out);
                alerts = alerts.nextConfiguration();
            }
            case NEW -> { }
        }
        touch(ctx);
        for (RaisedAlert raised : alerts.observe(event)) {
            (raised.event() instanceof AlertOpened ? opened : resolved).inc();
            out.collect(AlertRecords.of(event, raised));
        }
        state.update(alerts);
        gauges.set(event.getKey(), ExportedMetrics.ALERTS_OPEN, alerts.openForgettingAlerts());
    }

    /** Closes the open alerts of a superseded or expired state and emits their records. */
    private void close(LearnerAlerts alerts, String key, String reason, Collector<ForgettingAlert> out) {
        AlertSource source = alerts.lastSource(key);
        for (RaisedAlert raised : alerts.close(reason)) {
            superseded.inc();
            resolved.inc();
            out.collect(AlertRecords.of(source, raised));
        }
    }

    /** Records this key's activity; its first activity schedules the expiry check. */
    private void touch(Context ctx) throws Exception {
        if (stateTtlMillis == 0) {
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        if (lastActive.value() == null) {
            ctx.timerService().registerProcessingTimeTimer(now + stateTtlMillis);
        }
        lastActive.update(now);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ForgettingAlert> out) throws Exception {
        Long last = lastActive.value();
        if (last == null) {
            return;
        }
        if (timestamp < last + stateTtlMillis) {
            ctx.timerService().registerProcessingTimeTimer(last + stateTtlMillis);
            return;
        }
        LearnerAlerts alerts = state.value();
        if (alerts != null) {
            close(alerts, ctx.getCurrentKey(), "no evaluation of this key for " + Duration.ofMillis(stateTtlMillis)
                    + " (" + AlertSettings.STATE_TTL + "); its alert state was dropped", out);
        }
        expired.inc();
        state.clear();
        lastActive.clear();
        gauges.set(ctx.getCurrentKey(), ExportedMetrics.ALERTS_OPEN, 0);
    }
}
