package io.streamcl.flink.alert;

import io.streamcl.core.detect.AlertOpened;
import io.streamcl.flink.config.AlertSettings;
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
 * <p>A key's events come in model-step order from one Kafka partition; an event whose step is not after the last
 * one seen (a replay, e.g. after the training job restarted from an older savepoint) is skipped and counted in the
 * {@code staleEvaluations} metric, so no dip is fed twice.
 */
public class AlertFunction extends KeyedProcessFunction<String, EvaluationEvent, ForgettingAlert> {
    /** Name of the keyed state; part of the savepoint format, never rename. */
    public static final String STATE_NAME = "alerts";

    /** The config travels to the cluster as settings text: core configs are not Java-serializable by design. */
    private final LinkedHashMap<String, String> settings;
    private transient AlertConfig config;
    private transient ValueState<LearnerAlerts> state;
    private transient Counter stale;
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

    @Override
    public void open(OpenContext context) {
        config = AlertSettings.parse(settings);
        state = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE_NAME, new AlertStateSerializer(config)));
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        stale = metrics.counter("staleEvaluations");
        opened = metrics.counter("alertsOpened");
        resolved = metrics.counter("alertsResolved");
    }

    @Override
    public void processElement(EvaluationEvent event, Context ctx, Collector<ForgettingAlert> out) throws Exception {
        LearnerAlerts alerts = state.value();
        if (alerts == null) {
            alerts = LearnerAlerts.create(config);
        }
        if (!alerts.isNew(event.getModelStep())) {
            stale.inc();
            return;
        }
        for (RaisedAlert raised : alerts.observe(event)) {
            (raised.event() instanceof AlertOpened ? opened : resolved).inc();
            out.collect(AlertRecords.of(event, raised));
        }
        state.update(alerts);
    }
}
