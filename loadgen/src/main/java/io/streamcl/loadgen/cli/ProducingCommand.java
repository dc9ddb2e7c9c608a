package io.streamcl.loadgen.cli;

import io.streamcl.cli.StopOnExit;
import io.streamcl.loadgen.ExampleStream;
import io.streamcl.loadgen.kafka.ExampleProducer;
import io.streamcl.loadgen.progress.ThroughputReport;
import java.io.PrintWriter;
import java.time.Duration;
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
        try (examples; ExampleProducer producer = kafka.producer(pacing.rate, run.progress(err), run.progressInterval);
                // On Ctrl+C stop sending, but let the records already handed to the producer be acknowledged.
                StopOnExit stopOnExit = StopOnExit.install("loadgen-stop", Duration.ofSeconds(30), producer::stop)) {
            ThroughputReport report = producer.send(examples, run.maxExamples(), pacing.duration);
            out.println("produced " + report);
            out.flush();
        }
        return 0;
    }
}
