package io.streamcl.loadgen.cli;

import io.streamcl.loadgen.ExampleStream;
import io.streamcl.loadgen.kafka.ExampleProducer;
import io.streamcl.loadgen.progress.ThroughputReport;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Shared by the commands that send to Kafka: topic creation, pacing, progress and a clean stop on Ctrl+C. */
abstract class ProducingCommand {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    PacingOptions pacing;

    @Mixin
    RunOptions run;

    @Spec
    CommandSpec spec;

    /** Sends {@code examples}, printing progress to stderr and the summary to stdout. */
    int produce(ExampleStream examples, String what) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        kafka.prepareTopic(err);
        err.printf("loadgen: producing %s to topic '%s' at %s (%s)%n", what, kafka.topic, kafka.bootstrapServers,
                pacing.describe() + (run.total == null ? "" : ", at most " + run.total + " examples"));
        CountDownLatch finished = new CountDownLatch(1);
        try (examples; ExampleProducer producer = kafka.producer(pacing.rate, run.progress(err), run.progressInterval)) {
            // On Ctrl+C stop sending, but let the records already handed to the producer be acknowledged.
            Thread hook = new Thread(() -> {
                producer.stop();
                awaitQuietly(finished);
            }, "loadgen-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                ThroughputReport report = producer.send(examples, run.maxExamples(), pacing.duration);
                out.println("produced " + report);
                out.flush();
            } finally {
                finished.countDown();
                removeQuietly(hook);
            }
        }
        return 0;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running and waits for us
        }
    }
}
