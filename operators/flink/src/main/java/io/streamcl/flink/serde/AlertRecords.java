package io.streamcl.flink.serde;

import io.streamcl.core.detect.AlertClosed;
import io.streamcl.core.detect.AlertEvent;
import io.streamcl.core.detect.AlertOpened;
import io.streamcl.core.detect.AlertResolved;
import io.streamcl.flink.alert.AlertFunction;
import io.streamcl.flink.alert.AlertSource;
import io.streamcl.flink.alert.RaisedAlert;
import io.streamcl.schemas.AlertKind;
import io.streamcl.schemas.AlertState;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.ForgettingAlert;
import io.streamcl.schemas.Severity;
import io.streamcl.schemas.codec.EventCodec;

/** Maps a core alert event to a {@link ForgettingAlert}: the one place alert results become Avro. */
public final class AlertRecords {
    static {
        // Generated builders resolve defaults through Avro's class checks, not only decoders do.
        EventCodec.trustGeneratedClasses();
    }

    private AlertRecords() {}

    /**
     * The record of {@code raised}, caused by {@code source}, whose key, config hash and name, evaluation sequence
     * number and event time it carries.
     */
    public static ForgettingAlert of(EvaluationEvent source, RaisedAlert raised) {
        return of(AlertSource.of(source), raised);
    }

    /**
     * The record of {@code raised} for {@code source}; an {@link AlertClosed} is a RESOLVED record without a recovery
     * step or duration, whose message says why it closed.
     */
    public static ForgettingAlert of(AlertSource source, RaisedAlert raised) {
        AlertEvent e = raised.event();
        ForgettingAlert.Builder alert = ForgettingAlert.newBuilder()
                .setAlertId(e.alertId(raised.idScope(source.key(), AlertFunction.configScope(source.configName(),
                        source.configHash())), raised.taskId()))
                .setKey(source.key())
                .setTaskId(raised.taskId())
                .setConfigHash(source.configHash())
                .setConfigName(source.configName())
                .setEvaluationSeq(source.evaluationSeq())
                .setModelStep(e.step())
                .setEventTime(source.eventTime())
                .setState(e instanceof AlertOpened ? AlertState.OPENED : AlertState.RESOLVED)
                .setKind(AlertKind.valueOf(e.kind().name()))
                .setSeverity(Severity.valueOf(e.severity().name()))
                .setDetector(e.detector())
                .setMetric(raised.metric())
                .setOnsetStep(e.onsetStep())
                .setBaseline(finiteOrNull(e.baseline()))
                .setCurrent(finiteOrNull(e.current()))
                .setDepth(finiteOrNull(e.depth()))
                .setMessage(e.message());
        if (e instanceof AlertResolved resolved) {
            alert.setRecoveryStep(resolved.recoveryStep())
                    .setDurationSteps(resolved.durationSteps())
                    .setWorstDepth(finiteOrNull(resolved.worstDepth()));
        } else if (e instanceof AlertClosed closed) {
            alert.setWorstDepth(finiteOrNull(closed.worstDepth()));
        }
        return alert.build();
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
