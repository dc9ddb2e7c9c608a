package io.streamcl.jobs.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.deploy.kafka.LocalKafkaExtension;
import io.streamcl.deploy.kafka.TopicRecords;
import io.streamcl.jobs.RawRecords;
import io.streamcl.jobs.TwoGaussianTasks;
import io.streamcl.jobs.common.JobOptions;
import io.streamcl.jobs.common.Topics;
import io.streamcl.jobs.training.TrainingJob;
import io.streamcl.loadgen.ExampleStream;
import io.streamcl.loadgen.kafka.ExampleProducer;
import io.streamcl.schemas.AlertKind;
import io.streamcl.schemas.AlertState;
import io.streamcl.schemas.DeadLetter;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.ForgettingAlert;
import io.streamcl.schemas.StabilityGap;
import io.streamcl.schemas.TaskMetrics;
import io.streamcl.schemas.codec.EventCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * End to end on real parts: the training job on a synthetic two-task stream (task 0 is forgotten after the
 * boundary and does not come back), then the alert job over its evaluation events, beside a crafted learner whose
 * task 0 dips and recovers, an undecodable record and a replayed step. The alerts topic must hold a forgetting alert
 * for the trained learner's task 0 after the boundary, and exactly one OPENED and one RESOLVED event for the dip.
 */
class AlertJobIT {
    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension()
            .withTopics(Topics.EXAMPLES, Topics.EVALUATIONS, Topics.ALERTS, Topics.DEAD_LETTERS);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void raisesAForgettingAlertAfterTheBoundaryAndResolvesADipThatRecovers() throws Exception {
        try (ExampleProducer producer = ExampleProducer.builder(KAFKA.bootstrapServers(), Topics.EXAMPLES).build();
                ExampleStream stream = ExampleStream.of("learner-0", TwoGaussianTasks.scenario())) {
            producer.send(stream);
        }
        // Every 5 updates: the calibrated detector needs 30 evaluations of a task before it may fire.
        TrainingJob.parse(TwoGaussianTasks.trainingJob(KAFKA.bootstrapServers(), 5))
                .run(StreamExecutionEnvironment.getExecutionEnvironment(JobOptions.flinkConfiguration()));
        long boundary = read(Topics.EVALUATIONS, EventCodec.of(EvaluationEvent.class)).stream()
                .flatMap(e -> e.getStabilityGaps().stream())
                .mapToLong(StabilityGap::getBoundaryStep).findFirst().orElseThrow();
        RawRecords.send(KAFKA.bootstrapServers(), Topics.EVALUATIONS, "crafted", craftedDipWithAReplayAndGarbage());

        AlertJob.parse("--bootstrap-servers", KAFKA.bootstrapServers(), "--from", "earliest", "--bounded",
                "--checkpoint-interval", "PT1S")
                .run(StreamExecutionEnvironment.getExecutionEnvironment(JobOptions.flinkConfiguration()));

        List<ForgettingAlert> alerts = read(Topics.ALERTS, EventCodec.of(ForgettingAlert.class));
        List<ForgettingAlert> trained = alerts.stream().filter(a -> a.getKey().equals("learner-0")).toList();
        assertThat(trained).as("no alarm while the tasks were being learned")
                .allSatisfy(a -> assertThat(a.getOnsetStep()).isGreaterThanOrEqualTo(boundary));
        assertThat(trained).first().satisfies(a -> {
            assertThat(a.getState()).isEqualTo(AlertState.OPENED);
            assertThat(a.getKind()).isEqualTo(AlertKind.FORGETTING_SPIKE);
            assertThat(a.getTaskId()).isZero();
            assertThat(a.getMetric()).isEqualTo("accuracy");
            assertThat(a.getModelStep()).as("raised within 20 evaluations of the boundary").isLessThan(boundary + 100);
            assertThat(a.getDepth()).isPositive();
        });

        // Three runs of one key, each with the same dip: run A; run B after a configuration change; run C, B's
        // configuration restarted from scratch (evaluation sequence and model steps back at 1 and 10). Each alerts.
        // The runs' alerts may come from different subtasks, whose transactions interleave on the topic; each
        // alert's own events keep their order, so the list is put in run order (a stable sort) before comparing.
        List<String> runs = List.of("crafted@config-a/0/forgetting_spike/410", "crafted@config-b/0/forgetting_spike/410",
                "crafted@config-b#1/0/forgetting_spike/410");
        List<ForgettingAlert> crafted = alerts.stream().filter(a -> a.getKey().equals("crafted"))
                .sorted(Comparator.comparingInt(a -> runs.indexOf(a.getAlertId()))).toList();
        assertThat(crafted).extracting(ForgettingAlert::getState).containsExactly(AlertState.OPENED,
                AlertState.RESOLVED, AlertState.OPENED, AlertState.RESOLVED, AlertState.OPENED, AlertState.RESOLVED);
        assertThat(crafted).extracting(ForgettingAlert::getAlertId).containsExactly(
                "crafted@config-a/0/forgetting_spike/410", "crafted@config-a/0/forgetting_spike/410",
                "crafted@config-b/0/forgetting_spike/410", "crafted@config-b/0/forgetting_spike/410",
                "crafted@config-b#1/0/forgetting_spike/410", "crafted@config-b#1/0/forgetting_spike/410");
        assertThat(crafted).extracting(ForgettingAlert::getConfigHash).containsExactly("config-a", "config-a",
                "config-b", "config-b", "config-b", "config-b");
        assertThat(crafted).extracting(ForgettingAlert::getModelStep).containsExactly(410L, 490L, 410L, 490L, 410L,
                490L);
        assertThat(crafted).extracting(ForgettingAlert::getEvaluationSeq).containsExactly(41L, 49L, 41L, 49L, 41L,
                49L);
        assertThat(crafted.get(1).getRecoveryStep()).isEqualTo(470);
        assertThat(crafted.get(1).getDurationSteps()).isEqualTo(60);

        assertThat(read(Topics.DEAD_LETTERS, EventCodec.of(DeadLetter.class))).singleElement().satisfies(d -> {
            assertThat(d.getSourceTopic()).isEqualTo(Topics.EVALUATIONS);
            assertThat(d.getReason()).contains("not an Avro single-object EvaluationEvent");
        });
    }

    private static <T extends SpecificRecordBase> List<T> read(String topic, EventCodec<T> codec) throws IOException {
        return TopicRecords.readAll(KAFKA.bootstrapServers(), topic, Duration.ofSeconds(2), codec::decode);
    }

    /**
     * Three runs of key {@code crafted}, each with task 0 at 0.9 for 40 evaluations, at 0.7 for five (steps 410 to
     * 450), at 0.9 again until step 600: under configuration {@code config-a}, then {@code config-b}, then
     * {@code config-b} again from evaluation 1 (a restarted model). In the first, a duplicate of evaluation 43 in
     * the middle of the dip and a record that is not Avro at all.
     */
    private static List<byte[]> craftedDipWithAReplayAndGarbage() {
        EventCodec<EvaluationEvent> codec = EventCodec.of(EvaluationEvent.class);
        List<byte[]> records = new ArrayList<>();
        for (String config : List.of("config-a", "config-b", "config-b")) {
            for (int i = 1; i <= 60; i++) {
                double accuracy = i >= 41 && i <= 45 ? 0.7 : 0.9;
                records.add(codec.encode(EvaluationEvent.newBuilder().setKey("crafted").setEvaluationSeq(i)
                        .setModelStep(10L * i).setExamplesSeen(160L * i).setEventTime(Instant.ofEpochMilli(i))
                        .setConfigHash(config).setCurrentTask(1).setTrainLoss(0.5)
                        .setTasks(List.of(TaskMetrics.newBuilder().setTaskId(0).setSamples(300).setAccuracy(accuracy)
                                .build())).build()));
                if (i == 43 && records.size() == 43) {
                    records.add(records.get(42));
                    records.add("not an evaluation".getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return records;
    }
}
