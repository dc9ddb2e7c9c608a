package io.streamcl.loadgen.cli;

import io.streamcl.loadgen.ExampleStream;
import io.streamcl.loadgen.Scenario;
import io.streamcl.loadgen.file.AvroExampleFile;
import io.streamcl.loadgen.progress.ThroughputReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.apache.avro.file.CodecFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loadgen write}: generate a scenario into an Avro container file for later replay. */
@Command(name = "write", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Generate a scenario into an Avro container file (replay it with 'loadgen replay').")
final class WriteCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The Avro file to write.")
    Path output;

    @Option(names = "--codec", defaultValue = "deflate", paramLabel = "CODEC",
            description = "Block compression: null, deflate, snappy or zstandard (default: ${DEFAULT-VALUE}).")
    String codec;

    @Mixin
    RunOptions run;

    @Mixin
    ScenarioOptions scenario;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        CodecFactory blockCodec = codec();
        Scenario chosen = scenario.scenario();
        String description = chosen.describe() + " for keys " + scenario.keys();
        err.println("loadgen: writing " + description + " to " + output);
        ThroughputReport report;
        try (ExampleStream examples = scenario.examples(chosen, Clock.systemUTC())) {
            report = AvroExampleFile.writer(output).codec(blockCodec).description(description)
                    .progress(run.progress(err), run.progressInterval)
                    .write(examples, run.maxExamples());
        }
        spec.commandLine().getOut().println("wrote " + report + " to " + output);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private CodecFactory codec() {
        try {
            return CodecFactory.fromString(codec);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("codec must be null, deflate, snappy or zstandard, was " + codec);
        }
    }
}
