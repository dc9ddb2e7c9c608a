package io.streamcl.core.optim;

import io.streamcl.core.model.Mlp;
import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.model.MlpWorkspace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

/**
 * Drives a whole {@link UpdatePipeline} as the learner does, on {@link StageFixture}'s model, with gradients the
 * test chooses; and builds single-stage contexts that carry learner signals.
 */
public final class PipelineHarness {
    public static final int ROWS = 2;
    public final Mlp model;
    public final MlpWorkspace workspace;
    public final UpdatePipeline pipeline;

    /** A pipeline of {@code optimizer} on the fixture's model (LayerNorm if asked), after one forward pass. */
    public PipelineHarness(String optimizer, boolean layerNorm, long seed) {
        this(OptimizerConfig.parse(optimizer), layerNorm, seed, null);
    }

    /**
     * A pipeline of {@code optimizer} as above, its stage states read from {@code snapshot} (written by {@link
     * UpdatePipeline#writeTo}) unless it is null.
     */
    public PipelineHarness(OptimizerConfig optimizer, boolean layerNorm, long seed, byte[] snapshot) {
        MlpConfig config = new StageFixture(layerNorm, ROWS, seed).model;
        model = Mlp.initialize(config);
        workspace = model.workspace(ROWS);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < ROWS * config.inputs(); i++) {
            workspace.inputBuffer().put(i, (float) random.nextDouble(-1, 1));
        }
        model.forward(workspace, ROWS);
        try {
            pipeline = snapshot == null ? UpdatePipeline.create(optimizer, model)
                    : UpdatePipeline.readFrom(new DataInputStream(new ByteArrayInputStream(snapshot)), optimizer, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The live gradient the next {@link #step} hands to the stages. */
    public float[] gradient() {
        return workspace.gradient();
    }

    public float[] parameters() {
        return model.parameters();
    }

    /** Draws a gradient uniform on [-1, 1), times {@code scale}. */
    public float[] randomGradient(long seed, double scale) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] g = gradient();
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) (scale * random.nextDouble(-1, 1));
        }
        return g.clone();
    }

    /** One update number {@code step} with {@code signals}. */
    public void step(long step, StepSignals signals) {
        pipeline.apply(workspace, ROWS, step, signals);
    }

    /** The pipeline's stage states in their binary form. */
    public byte[] snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            pipeline.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The live state of the stage named {@code name}. */
    public StageState state(String name) {
        for (int i = 0; i < pipeline.config().stages().size(); i++) {
            if (pipeline.config().stages().get(i).spec().name().equals(name)) {
                return pipeline.state(i);
            }
        }
        throw new IllegalArgumentException("no stage " + name + " in " + pipeline.config());
    }

    /** A single-stage context on {@code f} with learner {@code signals}, {@code rates} and previous parameters. */
    public static StepContext context(StageFixture f, long step, StepSignals signals, StepContext.Rates rates,
            float[] previous) {
        return new StepContext(f.model, f.params, f.gradient, f.initial, f.hidden, f.rows, step, f.resets::add, signals,
                rates, previous, keepSteps -> {});
    }

    /** Signals with no reference gradient, {@code since} updates after a boundary ({@code -1}: none yet). */
    public static StepSignals since(long since) {
        return new StepSignals(null, since < 0 ? StepSignals.NO_BOUNDARY : since);
    }
}
