package io.streamcl.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelArraysTest {

    @ParameterizedTest
    @CsvSource({"RELU,false,SOFTMAX_CROSS_ENTROPY", "LEAKY_RELU,true,SOFTMAX_CROSS_ENTROPY", "TANH,true,SQUARED_ERROR"})
    void theNd4jForwardPassOfTheArraysReproducesTheModel(Activation activation, boolean layerNorm, Loss loss)
            throws InterruptedException {
        NativeBackend.load();
        MlpConfig config = new MlpConfig(12, new int[] {9, 7}, 4, activation, layerNorm, loss, InitScheme.KAIMING_UNIFORM, 3);
        float[] parameters = Mlp.initialParameters(config);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] += (float) random.nextGaussian() * 0.1f; // biases, gains and shifts away from 0 and 1
        }
        Mlp model = Mlp.withParameters(config, parameters);
        ModelArrays arrays = ModelArrays.of(model);
        assertThat(arrays.layers()).hasSize(3);
        assertThat(arrays.layers().get(0).weight().shape()).containsExactly(12, 9);
        assertThat(arrays.layers().get(0).weight().getFloat(1, 2))
                .isEqualTo(parameters[model.layout().weightOffset(0) + 9 + 2]);
        assertThat(arrays.layers().get(2).gain()).isNull();
        assertThat(arrays.layers().get(1).gain() != null).isEqualTo(layerNorm);

        float[][] rows = new float[5][12];
        for (float[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) random.nextDouble(-1, 1);
            }
        }
        INDArray outputs = arrays.forward(Nd4j.create(rows));
        for (int r = 0; r < rows.length; r++) {
            float[] expected = model.predict(rows[r]);
            for (int k = 0; k < expected.length; k++) {
                assertThat(outputs.getFloat(r, k)).as("row %d output %d", r, k).isCloseTo(expected[k], within(1e-5f));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"0", "1"})
    void arraysSurviveTheNpyFormat(int layer) throws InterruptedException {
        NativeBackend.load();
        Mlp model = Mlp.initialize(new MlpConfig(6, new int[] {4}, 3, Activation.RELU, 1));
        INDArray weight = ModelArrays.of(model).layers().get(layer).weight();
        assertThat(Nd4j.createNpyFromByteArray(Nd4j.toNpyByteArray(weight))).isEqualTo(weight);
    }
}
