package io.streamcl.flink.serde;

import io.streamcl.schemas.Prediction;
import io.streamcl.schemas.WeightsKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link Prediction} events from a model's class probabilities for one example. */
public final class Predictions {
    private Predictions() {}

    /** The prediction of {@code weights} at {@code modelStep}: their class probabilities and the arg-max class. */
    public static Prediction of(StreamExample example, long modelStep, String configHash, String configName,
            WeightsKind weights,
            float[] probabilities) {
        List<Float> p = new ArrayList<>(probabilities.length);
        int best = 0;
        for (int k = 0; k < probabilities.length; k++) {
            p.add(probabilities[k]);
            if (probabilities[k] > probabilities[best]) {
                best = k;
            }
        }
        return Prediction.newBuilder()
                .setKey(example.key)
                .setSeq(example.seq)
                .setModelStep(modelStep)
                .setEventTime(Instant.ofEpochMilli(example.eventTime))
                .setConfigHash(configHash)
                .setConfigName(configName)
                .setWeights(weights)
                .setPredictedLabel(best)
                .setProbabilities(p)
                .build();
    }
}
