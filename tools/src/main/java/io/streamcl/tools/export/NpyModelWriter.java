package io.streamcl.tools.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamcl.core.learner.ContinualLearner;
import io.streamcl.core.model.Activation;
import io.streamcl.core.model.Mlp;
import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.model.ModelArrays;
import io.streamcl.core.serving.ServedWeights;
import io.streamcl.flink.config.LearnerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes one learner's model as NumPy {@code .npy} files per layer array (through ND4J) plus {@code model.json}: the
 * layout and the forward pass in words, the activation, model step, config hash and settings, and the file of
 * every array, so the model loads in NumPy or PyTorch without this project.
 */
final class NpyModelWriter {
    static final String DESCRIPTION = "model.json";

    private NpyModelWriter() {}

    /** Writes {@code weights} of {@code learner} (key {@code key}, read from {@code source}) into {@code out}. */
    static List<Path> write(ContinualLearner learner, ServedWeights weights, String key, String source, Path out)
            throws IOException {
        Mlp model = weights == ServedWeights.EMA
                ? learner.learner().shadowModel().orElseThrow(() -> new IllegalArgumentException("--weights ema: "
                        + "the learner keeps no EMA weights (optimizer=" + learner.config().learner().optimizer()
                        .canonical() + ")"))
                : learner.learner().model();
        MlpConfig config = model.config();
        ModelArrays arrays = ModelArrays.of(model);
        Files.createDirectories(out);
        List<Path> written = new ArrayList<>();
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode description = json.createObjectNode();
        description.put("key", key);
        description.put("weights", weights.name().toLowerCase(Locale.ROOT));
        description.put("modelStep", learner.learner().step());
        description.put("examplesSeen", learner.learner().examplesSeen());
        description.put("currentTask", learner.currentTask());
        description.put("configHash", learner.config().learner().hash());
        description.put("source", source);
        ObjectNode settings = description.putObject("settings");
        for (Map.Entry<String, String> setting : LearnerSettings.format(learner.config()).entrySet()) {
            settings.put(setting.getKey(), setting.getValue());
        }
        ArrayNode widths = description.putArray("widths");
        for (int width : config.widths()) {
            widths.add(width);
        }
        description.put("activation", config.activation().name().toLowerCase(Locale.ROOT));
        description.put("leakyReluSlope", Activation.LEAK);
        description.put("layerNormEpsilon", 1e-5);
        description.put("output", config.classifies() ? "softmax" : "identity");
        description.put("forward", "for each layer: z = x @ weight + bias (weight is [fan_in, fan_out], float32, C order;"
                + " PyTorch's nn.Linear.weight is its transpose); hidden layers then, when gain/shift are given,"
                + " LayerNorm over the layer's units (biased variance, epsilon layerNormEpsilon) times gain plus shift,"
                + " then the activation; the last layer then the output function");
        ArrayNode layers = description.putArray("layers");
        for (int l = 0; l < arrays.layers().size(); l++) {
            ModelArrays.Layer layer = arrays.layers().get(l);
            ObjectNode entry = layers.addObject();
            entry.put("index", l);
            entry.put("weight", save(out, "layer" + l + ".weight.npy", layer.weight(), written));
            entry.put("bias", save(out, "layer" + l + ".bias.npy", layer.bias(), written));
            if (layer.gain() != null) {
                entry.put("gain", save(out, "layer" + l + ".gain.npy", layer.gain(), written));
                entry.put("shift", save(out, "layer" + l + ".shift.npy", layer.shift(), written));
            }
        }
        Path file = out.resolve(DESCRIPTION);
        json.writeValue(file.toFile(), description);
        written.add(file);
        return written;
    }

    private static String save(Path out, String name, INDArray array, List<Path> written) throws IOException {
        Path file = out.resolve(name);
        Files.write(file, Nd4j.toNpyByteArray(array));
        written.add(file);
        return name;
    }
}
