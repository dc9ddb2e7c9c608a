package io.streamcl.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The public ND4J view of an {@link Mlp}'s parameters: per layer an {@link INDArray} weight matrix of shape {@code
 * [fanIn, fanOut]} (row-major, as in the flat {@link ParameterLayout}, so a layer computes {@code x.mmul(W) + b};
 * PyTorch's {@code nn.Linear.weight} is its transpose), a bias vector {@code [fanOut]} and, for hidden layers with
 * LayerNorm, gain and shift vectors {@code [fanOut]}. The arrays are float32 copies: changing them does not change
 * the model. {@link #forward} is the model's forward pass in ND4J, the reference for exported models.
 */
public final class ModelArrays {
    private final MlpConfig config;
    private final List<Layer> layers;

    /** One layer's arrays; {@code gain} and {@code shift} are null for a layer without LayerNorm. */
    public record Layer(INDArray weight, INDArray bias, INDArray gain, INDArray shift) {}

    private ModelArrays(MlpConfig config, List<Layer> layers) {
        this.config = config;
        this.layers = List.copyOf(layers);
    }

    /** The arrays of {@code model}'s current parameters. */
    public static ModelArrays of(Mlp model) {
        return of(model.config(), model.parameters());
    }

    /** The arrays of a flat parameter vector of {@code config}'s model (e.g. the EMA shadow weights). */
    public static ModelArrays of(MlpConfig config, float[] parameters) {
        ParameterLayout layout = ParameterLayout.of(config);
        if (parameters.length != layout.size()) {
            throw new IllegalArgumentException("parameter vector has " + parameters.length + " values, " + config
                    + " needs " + layout.size());
        }
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l < layout.layers(); l++) {
            int in = layout.fanIn(l);
            int out = layout.fanOut(l);
            INDArray weight = slice(parameters, layout.weightOffset(l), in, out);
            INDArray bias = slice(parameters, layout.biasOffset(l), out);
            boolean norm = layout.normalized(l);
            layers.add(new Layer(weight, bias, norm ? slice(parameters, layout.gainOffset(l), out) : null,
                    norm ? slice(parameters, layout.shiftOffset(l), out) : null));
        }
        return new ModelArrays(config, layers);
    }

    public MlpConfig config() {
        return config;
    }

    /** The layers from input to output. */
    public List<Layer> layers() {
        return layers;
    }

    /**
     * Outputs for a batch {@code x} of shape {@code [rows, inputs]}: class probabilities (softmax) for a classifier,
     * predicted values for a regressor; hidden layers apply LayerNorm (biased variance, epsilon 1e-5) when present,
     * then the activation, as {@link Mlp#forward} does.
     */
    public INDArray forward(INDArray x) {
        INDArray h = x.castTo(DataType.FLOAT);
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            INDArray z = h.mmul(layer.weight()).addiRowVector(layer.bias());
            if (l == layers.size() - 1) {
                return config.classifies() ? Transforms.softmax(z, true) : z;
            }
            if (layer.gain() != null) {
                INDArray centred = z.subColumnVector(z.mean(true, 1));
                INDArray std = Transforms.sqrt(centred.mul(centred).mean(true, 1).addi(1e-5), false);
                z = centred.diviColumnVector(std).muliRowVector(layer.gain()).addiRowVector(layer.shift());
            }
            h = switch (config.activation()) {
                case RELU -> Transforms.relu(z, true);
                case LEAKY_RELU -> Transforms.leakyRelu(z, Activation.LEAK, true);
                case TANH -> Transforms.tanh(z, true);
            };
        }
        return h;
    }

    private static INDArray slice(float[] parameters, int from, long... shape) {
        int length = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        return Nd4j.create(Arrays.copyOfRange(parameters, from, from + length), shape, 'c');
    }
}
