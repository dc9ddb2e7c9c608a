package io.streamcl.deploy.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.deploy.flink.JobStatus;
import io.streamcl.deploy.flink.JobSubmission;
import io.streamcl.deploy.flink.LocalFlink;
import io.streamcl.deploy.kafka.LocalKafkaExtension;
import io.streamcl.deploy.kafka.TopicRecords;
import io.streamcl.loadgen.ExampleStream;
import io.streamcl.loadgen.Scenario;
import io.streamcl.loadgen.StreamPlan;
import io.streamcl.loadgen.kafka.ExampleProducer;
import io.streamcl.loadgen.synthetic.GaussianClusters;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.codec.EventCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The deployable artifact on real parts: the shaded job jar, submitted over the REST API to a standalone Flink cluster
 * (a JobManager and a TaskManager in their own JVMs, started from Maven-resolved Flink jars), trains on a synthetic
 * two-task stream from a real Kafka broker and writes its evaluation events back. Flink, OpenBLAS and the Kafka
 * connector run only inside the cluster: none of them is on this test's classpath.
 */
class StandaloneClusterIT {
    private static final String EXAMPLES = "examples";
    private static final String EVALUATIONS = "evaluations";
    private static final String KEY = "learner-0";
    private static final int EXAMPLES_PER_TASK = 3_000;
    private static final int BATCH = 16;
    private static final int EVAL_EVERY = 10;
    /** The learner's held-out accuracy on a task, in its per-key metric group: labels learner and task. */
    private static final Pattern LEARNER_GAUGE = Pattern.compile(
            "(?m)^flink_\\w*_learner_task_heldOutAccuracy\\{[^}]*\\} \\S+$");

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension()
            .withTopics(EXAMPLES, EVALUATIONS, "predictions", "dead-letters");

    private static LocalFlink flink;

    @BeforeAll
    static void startFlink() {
        flink = LocalFlink.builder().start();
        System.out.printf("[standalone-it] Flink cluster up at %s in %.1f s%n", flink.restAddress(),
                flink.startupTime().toMillis() / 1e3);
    }

    @AfterAll
    static void stopFlinkAndCheckNothingIsLeft() {
        if (flink == null) {
            return;
        }
        List<Long> pids = flink.pids();
        Path dataDir = flink.dataDir();
        flink.close();
        assertThat(pids).as("cluster JVMs after close").noneMatch(pid -> ProcessHandle.of(pid)
                .map(ProcessHandle::isAlive).orElse(false));
        assertThat(dataDir).as("temporary data directory after close").doesNotExist();
    }

    @Test
    void shadedJobJarTrainsOnAStandaloneCluster() throws Exception {
        int produced = produceTwoTaskStream();

        long submitted = System.nanoTime();
        String jobId = flink.rest().submit(JobSubmission.of(jobJar(), List.of(
                "--bootstrap-servers", KAFKA.bootstrapServers(), "--from", "earliest", "--bounded",
                "--checkpoint-interval", "PT1S", "--set", "eval.every=" + EVAL_EVERY,
                "--set", "eval.samples-per-task=200", "--set", "eval.plasticity-every=100",
                "--set", "model.inputs=16", "--set", "model.classes=4", "--set", "model.hidden=32",
                "--set", "optimizer=sgd(lr=0.05)", "--set", "learner.batch-size=" + BATCH)));
        CompletableFuture<String> scraped = CompletableFuture.supplyAsync(() -> scrapeUntil(LEARNER_GAUGE));
        JobStatus status = flink.rest().awaitTermination(jobId, Duration.ofSeconds(90));
        System.out.printf("[standalone-it] job %s; %.1f s from submission%n", status,
                (System.nanoTime() - submitted) / 1e9);
        assertThat(status.state()).as("job state; failure: %s", status.failure().orElse("none")).isEqualTo("FINISHED");

        List<EvaluationEvent> events = TopicRecords.readAll(KAFKA.bootstrapServers(), EVALUATIONS,
                Duration.ofSeconds(3), EventCodec.of(EvaluationEvent.class)::decode);
        int updates = (int) Math.round(produced * 0.9) / BATCH;
        assertThat(events).as("evaluation events").isNotEmpty().allSatisfy(e -> assertThat(e.getKey()).isEqualTo(KEY));
        assertThat(events).extracting(EvaluationEvent::getModelStep).isSorted();
        EvaluationEvent last = events.get(events.size() - 1);
        assertThat(last.getModelStep()).as("the whole bounded stream was trained on")
                .isGreaterThan(updates - EVAL_EVERY * 2);
        assertThat(last.getOnlineAccuracy()).as("prequential accuracy, chance is 0.25").isGreaterThan(0.8);
        assertThat(events).as("plasticity diagnostics: LAPACK's eigendecomposition ran without ND4J's native library")
                .filteredOn(e -> e.getPlasticity() != null).isNotEmpty()
                .allSatisfy(e -> assertThat(e.getPlasticity().getEffectiveRank()).isGreaterThan(1.0));
        assertThat(flink.rest().overview().jobsFinished()).isEqualTo(1);
        assertThat(flink.isRunning()).as("the cluster outlives the job (its main ran inside the JobManager)").isTrue();
        assertThat(scraped.get(10, TimeUnit.SECONDS)).as("a per-learner gauge on a Prometheus endpoint while the job ran")
                // Flink's Prometheus reporter writes label values with characters outside [A-Za-z0-9_:] as '_'
                .contains("learner=\"" + KEY.replace('-', '_') + "\"")
                // the stream has two tasks; which one is current when the scrape lands depends on machine speed
                .containsPattern("task=\"[01]\"");
    }

    /**
     * Scrapes every Prometheus endpoint of the cluster until a line matches {@code gauge} (returned); after 90 s,
     * the names of the operator metrics seen instead, for the failure message.
     */
    private static String scrapeUntil(Pattern gauge) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        java.util.Set<String> seen = new java.util.TreeSet<>();
        while (System.nanoTime() < deadline) {
            for (int port : flink.metricsPorts()) {
                try {
                    String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
                    Matcher m = gauge.matcher(body);
                    if (m.find()) {
                        return m.group();
                    }
                    body.lines().filter(l -> l.startsWith("flink_taskmanager_job_task_operator_"))
                            .forEach(l -> seen.add(l.substring(0, l.indexOf('{') < 0 ? l.length() : l.indexOf('{'))));
                } catch (IOException e) {
                    // no reporter on this port of the range
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "";
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }
        return "no match; operator metrics seen: " + seen;
    }

    private static int produceTwoTaskStream() {
        Scenario scenario = Scenario.of(
                GaussianClusters.defaults().withClasses(4).withFeatures(16).withTasks(2),
                StreamPlan.defaults().withSeed(7).withExamplesPerTask(EXAMPLES_PER_TASK).withEvalFraction(0.1));
        try (ExampleProducer producer = ExampleProducer.builder(KAFKA.bootstrapServers(), EXAMPLES).build();
                ExampleStream stream = ExampleStream.of(KEY, scenario)) {
            return (int) producer.send(stream).examples();
        }
    }

    private static Path jobJar() {
        String path = System.getProperty("streamcl.jobJar");
        assertThat(path).as("system property streamcl.jobJar (failsafe sets it to the shaded job jar; run this test "
                + "with `mvn -pl deploy/standalone-it -am verify`)").isNotBlank();
        assertThat(Path.of(path)).as("the shaded job jar").satisfies(p -> assertThat(Files.isRegularFile(p)).isTrue());
        return Path.of(path);
    }
}
