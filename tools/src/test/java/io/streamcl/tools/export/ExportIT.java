package io.streamcl.tools.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.core.model.NativeBackend;
import io.streamcl.core.serving.ServingConfig;
import io.streamcl.core.serving.ServingMode;
import io.streamcl.flink.config.KeyLimits;
import io.streamcl.flink.config.LearnerGrid;
import io.streamcl.flink.config.LearnerSettings;
import io.streamcl.flink.learner.ContinualLearnerFunction;
import io.streamcl.flink.learner.LearnerOperator;
import io.streamcl.flink.serde.StreamExample;
import io.streamcl.flink.serde.StreamExampleTypeInfo;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.Prediction;
import io.streamcl.schemas.WeightsKind;
import io.streamcl.tools.StreamclTools;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A real learner job on a MiniCluster (an endless generated stream: labeled examples, then unlabeled ones) serves
 * predictions from its EMA weights and stops with a savepoint; export writes the EMA model as .npy files, which load
 * back with ND4J, and a forward pass over them in plain ND4J reproduces the job's predictions. Export under another
 * state-shaping setting fails naming it.
 */
class ExportIT {
    private static final int LABELED = 96;
    private static final int FEATURES = 8;
    private static final Map<String, String> SETTINGS = Map.of(LearnerSettings.INPUTS, "8", LearnerSettings.CLASSES,
            "3", LearnerSettings.HIDDEN, "6,5", LearnerSettings.OPTIMIZER, "sgd(lr=0.1)+ema", LearnerSettings.BATCH_SIZE,
            "8", LearnerSettings.EVAL_SAMPLES, "20");

    @TempDir
    Path dir;

    @Test
    void exportedNpyFilesReproduceTheJobsPredictions() throws Exception {
        ContinualLearnerConfig config = LearnerSettings.parse(SETTINGS);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        DataGeneratorSource<StreamExample> source = new DataGeneratorSource<>(ExportIT::example, Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(400), new StreamExampleTypeInfo());
        SingleOutputStreamOperator<EvaluationEvent> learner = env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "examples")
                .keyBy(example -> example.key, Types.STRING)
                .transform("continual learner", TypeInformation.of(EvaluationEvent.class),
                        new LearnerOperator(new ContinualLearnerFunction(config, Duration.ofHours(1), KeyLimits.DEFAULTS,
                                LearnerGrid.DEFAULT_NAME, ServingConfig.of(ServingMode.EMA))))
                .uid(ContinualLearnerFunction.UID);
        CloseableIterator<Prediction> predictions = learner.getSideOutput(ContinualLearnerFunction.PREDICTIONS)
                .collectAsync();
        JobClient job = env.executeAsync("export-it");
        List<Prediction> afterTraining = new ArrayList<>();
        while (afterTraining.size() < 20 && predictions.hasNext()) {
            Prediction prediction = predictions.next();
            if (prediction.getSeq() > LABELED) {
                afterTraining.add(prediction);
            }
        }
        String savepoint = job.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get();
        predictions.close();

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path export = dir.resolve("export");
        List<String> args = new ArrayList<>(List.of("export", "--savepoint", Path.of(java.net.URI.create(savepoint))
                .toString(), "--key", "k", "--weights", "ema", "--out", export.toString()));
        SETTINGS.forEach((key, value) -> args.addAll(List.of("-s", key + "=" + value)));
        int status = StreamclTools.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        assertThat(status).as("stdout %s stderr %s", out, err).isZero();

        List<String> otherModel = new ArrayList<>(args);
        otherModel.set(otherModel.indexOf(export.toString()), dir.resolve("other").toString());
        otherModel.addAll(List.of("-s", LearnerSettings.HIDDEN + "=6"));
        assertThat(StreamclTools.run(new PrintWriter(out, true), new PrintWriter(err, true),
                otherModel.toArray(String[]::new))).as("another state-shaping setting").isEqualTo(StreamclTools.RUN_ERROR);
        assertThat(err.toString()).contains("model.hidden: 6,5 -> 6");

        JsonNode description = new ObjectMapper().readTree(export.resolve(NpyModelWriter.DESCRIPTION).toFile());
        assertThat(description.get("modelStep").asLong()).isEqualTo(LABELED / 8);
        assertThat(description.get("weights").asText()).isEqualTo("ema");
        assertThat(description.get("settings").get(LearnerSettings.OPTIMIZER).asText()).contains("ema");
        NativeBackend.load();
        for (Prediction prediction : afterTraining) {
            assertThat(prediction.getWeights()).isEqualTo(WeightsKind.EMA);
            assertThat(prediction.getModelStep()).isEqualTo(LABELED / 8);
            INDArray h = Nd4j.create(new float[][] {features(prediction.getSeq())});
            JsonNode layers = description.get("layers");
            for (int l = 0; l < layers.size(); l++) {
                INDArray weight = Nd4j.createFromNpyFile(export.resolve(layers.get(l).get("weight").asText()).toFile());
                INDArray bias = Nd4j.createFromNpyFile(export.resolve(layers.get(l).get("bias").asText()).toFile());
                INDArray z = h.mmul(weight).addRowVector(bias);
                h = l == layers.size() - 1 ? Transforms.softmax(z) : Transforms.relu(z);
            }
            for (int k = 0; k < 3; k++) {
                assertThat(h.getFloat(0, k)).as("seq %d class %d", prediction.getSeq(), k)
                        .isCloseTo(prediction.getProbabilities().get(k), within(1e-5f));
            }
        }
    }

    /** Example {@code i} of key "k": labeled (class i % 3) for the first {@link #LABELED}, unlabeled after. */
    private static StreamExample example(long i) {
        StreamExample example = new StreamExample();
        example.key = "k";
        example.seq = i + 1;
        example.eventTime = i;
        example.taskId = 0;
        example.features = features(i + 1);
        example.label = i < LABELED ? Integer.valueOf((int) (i % 3)) : null;
        return example;
    }

    private static float[] features(long seq) {
        float[] x = new float[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            x[j] = (float) Math.sin(seq * 0.7 + j) + ((seq - 1) % 3 == j % 3 ? 1f : 0f);
        }
        return x;
    }
}
