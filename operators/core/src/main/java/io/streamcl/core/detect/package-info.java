/**
 * Change detection and alerting on continual-learning metric streams, in plain Java (no ND4J, Flink or Avro).
 *
 * <h2>Detectors</h2>
 * Six detectors share {@link io.streamcl.core.detect.ChangeDetector}; each has an immutable, validated config
 * ({@link io.streamcl.core.detect.DetectorConfig}, parsed from and printed as a spec such as
 * {@code page-hinkley(delta=0.005,lambda=50,alpha=0.9999,min_instances=30,watch=up)}) and a state with a versioned
 * binary form and bounded memory: {@link io.streamcl.core.detect.DropFromBest},
 * {@link io.streamcl.core.detect.EwmaDrop}, {@link io.streamcl.core.detect.DropCusum} (the forgetting default,
 * whose limits are in standard errors of each evaluation, {@link io.streamcl.core.detect.EvaluationNoise}),
 * {@link io.streamcl.core.detect.PageHinkley},
 * {@link io.streamcl.core.detect.Cusum} and {@link io.streamcl.core.detect.Adwin}. The configs' named defaults
 * are those of the reference implementations (mostly river) where they have them; {@link io.streamcl.core.detect.AccuracyDefaults}
 * holds the settings calibrated for per-task accuracy and {@link io.streamcl.core.detect.LossDefaults} the one
 * for task boundaries on the training loss.
 *
 * <h2>Alerts</h2>
 * {@link io.streamcl.core.detect.ForgettingAlerts} (per learner key and task, on accuracy),
 * {@link io.streamcl.core.detect.DivergenceAlerts} (per key, on the training loss) and
 * {@link io.streamcl.core.detect.TrendAlerts} (per key, plasticity loss from new-task accuracy or the dormant
 * fraction) emit {@link io.streamcl.core.detect.AlertOpened} and {@link io.streamcl.core.detect.AlertResolved}
 * records through one shared lifecycle with hysteresis and cool-down, for the Flink side to map onto the Avro
 * {@code ForgettingAlert}. {@link io.streamcl.core.detect.BoundaryDetector} turns the training loss of a task-free
 * stream into {@link io.streamcl.core.detect.Boundary} signals for the learner.
 *
 * <h2>Calibration</h2>
 * The calibration that chose the defaults is not part of this package: it lives in the module's test sources
 * ({@code Calibration}, run as {@code operators/core/bench/run-calibration.sh}); its output, the chosen defaults and
 * the decisions taken where the references are silent or unverified are in
 * {@code operators/core/docs/detector-calibration.md}.
 */
package io.streamcl.core.detect;
