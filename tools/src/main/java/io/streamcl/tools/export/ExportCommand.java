package io.streamcl.tools.export;

import io.streamcl.core.learner.ContinualLearner;
import io.streamcl.core.model.NativeBackend;
import io.streamcl.core.serving.ServedWeights;
import io.streamcl.flink.learner.ContinualLearnerFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code export} command: one learner's model from a savepoint or retained checkpoint as NumPy files. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes one learner key's model (raw or EMA weights) from a savepoint or a job's latest "
                + "retained checkpoint as NumPy .npy files per layer (through ND4J) plus model.json (layout, "
                + "activation, model step, config hash and settings).",
            "The state is read with Flink's State Processor API on a local MiniCluster and the job's learner "
                + "state serializer: pass the learner settings the job ran with (--config, -s); a different "
                + "state-shaping setting fails naming it."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:exported", "1:the state could not be read or the files written", "2:bad option"})
public final class ExportCommand implements Callable<Integer> {

    static final class StateChoice {
        @Option(names = "--savepoint", paramLabel = "DIR", description = "Savepoint (or checkpoint) directory.")
        Path savepoint;

        @Option(names = "--checkpoints", paramLabel = "DIR",
                description = "A job's checkpoint directory: its latest completed retained checkpoint is read.")
        Path checkpoints;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    StateChoice state;

    @Option(names = "--key", required = true, paramLabel = "KEY", description = "Learner key to export.")
    String key;

    @Option(names = "--weights", defaultValue = "raw", paramLabel = "raw|ema",
            description = "Which weights (default: ${DEFAULT-VALUE}); ema needs an ema stage.")
    String weights;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the .npy files and model.json.")
    Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "Learner settings of the job, a properties file.")
    Path config;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "One learner setting; overrides --config.")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--uid", defaultValue = ContinualLearnerFunction.UID, paramLabel = "UID",
            description = "Uid of the learner operator (default: ${DEFAULT-VALUE}).")
    String uid;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ServedWeights kind = switch (weights.toLowerCase(Locale.ROOT)) {
            case "raw" -> ServedWeights.RAW;
            case "ema" -> ServedWeights.EMA;
            default -> throw new IllegalArgumentException("--weights must be raw or ema, got '" + weights + "'");
        };
        Path source = state.savepoint != null ? state.savepoint : CheckpointLocator.latest(state.checkpoints);
        NativeBackend.load();
        ContinualLearner learner = LearnerStateReader.read(source.toUri().toString(), uid, key, settings());
        List<Path> files = NpyModelWriter.write(learner, kind, key, source.toString(), out);
        PrintWriter printer = spec.commandLine().getOut();
        printer.printf("exported the %s weights of key '%s' at model step %d from %s: %d files in %s%n",
                weights, key, learner.learner().step(), source, files.size(), out);
        return 0;
    }

    private Map<String, String> settings() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        if (config != null) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(config)) {
                properties.load(in);
            }
            properties.stringPropertyNames().forEach(name -> settings.put(name, properties.getProperty(name)));
        }
        settings.putAll(set);
        return settings;
    }
}
