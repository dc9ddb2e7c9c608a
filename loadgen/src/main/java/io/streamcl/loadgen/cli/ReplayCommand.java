package io.streamcl.loadgen.cli;

import io.streamcl.loadgen.ExampleStream;
import io.streamcl.loadgen.file.AvroExampleFile;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code loadgen replay}: send the examples of an Avro container file to Kafka. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Produce the examples of an Avro container file (from 'loadgen write') to a Kafka topic.")
final class ReplayCommand extends ProducingCommand implements Callable<Integer> {

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE", description = "The Avro file to replay.")
    Path input;

    @Option(names = "--keep-event-time",
            description = "Keep the event times stored in the file instead of stamping the replay time.")
    boolean keepEventTime;

    @Override
    public Integer call() {
        ExampleStream examples = AvroExampleFile.read(input, keepEventTime ? null : Clock.systemUTC());
        return produce(examples, examples.size() + " examples of " + input + " ("
                + AvroExampleFile.description(input) + ")");
    }
}
