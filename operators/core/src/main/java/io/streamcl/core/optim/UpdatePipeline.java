package io.streamcl.core.optim;

import io.streamcl.core.model.Mlp;
import io.streamcl.core.model.MlpWorkspace;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The running form of an {@link OptimizerConfig}: each stage's config paired with its state, applied in order
 * to a model after each backward pass.
 */
public final class UpdatePipeline {
    /** Version of the binary form written by {@link #writeTo}. */
    public static final int FORMAT_VERSION = 1;

    private final OptimizerConfig config;
    private final Mlp model;
    private final float[] initialParameters;
    private final List<StageState> states;
    private final float[][] hidden;
    private final float[] previousParameters;

    private UpdatePipeline(OptimizerConfig config, Mlp model, List<StageState> states) {
        config.validateFor(model.config());
        this.config = config;
        this.model = model;
        this.initialParameters = Mlp.initialParameters(model.config());
        this.states = states;
        this.hidden = new float[model.layout().layers() - 1][];
        boolean updateTransforms = config.stages().stream().anyMatch(s -> s.phase() == Phase.UPDATE_TRANSFORM);
        this.previousParameters = updateTransforms ? new float[model.layout().size()] : null;
    }

    /** A pipeline with fresh stage states for {@code model}. */
    public static UpdatePipeline create(OptimizerConfig config, Mlp model) {
        List<StageState> states = new ArrayList<>();
        for (StageConfig stage : config.stages()) {
            states.add(stage.initialState(model.config()));
        }
        return new UpdatePipeline(config, model, states);
    }

    public OptimizerConfig config() {
        return config;
    }

    /** The live state of stage {@code i} (in {@link OptimizerConfig#stages()} order). */
    public StageState state(int i) {
        return states.get(i);
    }

    /** Applies every stage for update number {@code step}, after a backward pass of {@code rows} rows in {@code ws}. */
    public void apply(MlpWorkspace ws, int rows, long step) {
        apply(ws, rows, step, StepSignals.NONE);
    }

    /**
     * Applies every stage for update number {@code step} with the learner's {@code signals}: first the product of
     * the stages' learning-rate factors fixes the base step's rates, then the stages run in order; the parameters
     * are copied just before the base step when an update transform needs them.
     */
    public void apply(MlpWorkspace ws, int rows, long step, StepSignals signals) {
        for (int l = 0; l < hidden.length; l++) {
            hidden[l] = ws.hiddenActivations(l);
        }
        double scale = 1;
        for (StageConfig stage : config.stages()) {
            scale *= stage.learningRateScale(step, signals);
        }
        BaseStep base = config.base();
        StepContext.Rates rates = new StepContext.Rates(scale, base.lr() * scale, base.decoupledDecay(scale));
        float[] parameters = model.parameters();
        StepContext context = new StepContext(model.config(), parameters, ws.gradient(), initialParameters, hidden,
                rows, step, this::reset, signals, rates, previousParameters, this::resetMoments);
        for (int i = 0; i < states.size(); i++) {
            StageConfig stage = config.stages().get(i);
            if (previousParameters != null && stage.phase() == Phase.BASE_STEP) {
                System.arraycopy(parameters, 0, previousParameters, 0, parameters.length);
            }
            stage.apply(states.get(i), context);
        }
    }

    /** The shadow (EMA) parameters of the first {@link ShadowWeights} stage, if the config has one. */
    public Optional<float[]> shadowParameters() {
        for (int i = 0; i < states.size(); i++) {
            if (config.stages().get(i) instanceof ShadowWeights shadow) {
                return Optional.of(shadow.weights(states.get(i)));
            }
        }
        return Optional.empty();
    }

    private void reset(ParameterSlice slice) {
        for (int i = 0; i < states.size(); i++) {
            config.stages().get(i).reset(states.get(i), slice);
        }
    }

    private void resetMoments(boolean keepStepCounts) {
        for (int i = 0; i < states.size(); i++) {
            config.stages().get(i).resetMoments(states.get(i), keepStepCounts);
        }
    }

    /** Writes every stage's state, each preceded by its canonical spec. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(FORMAT_VERSION);
        out.writeInt(states.size());
        for (int i = 0; i < states.size(); i++) {
            out.writeUTF(config.stages().get(i).spec().toString());
            states.get(i).writeTo(out);
        }
    }

    /** Reads states written by {@link #writeTo} for the same config; rejects other versions and shapes. */
    public static UpdatePipeline readFrom(DataInput in, OptimizerConfig config, Mlp model) throws IOException {
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("pipeline state has format version " + version + ", this build reads "
                    + FORMAT_VERSION);
        }
        int count = in.readInt();
        if (count != config.stages().size()) {
            throw new IOException("pipeline state has " + count + " stages, " + config + " has "
                    + config.stages().size());
        }
        List<StageState> states = new ArrayList<>();
        for (StageConfig stage : config.stages()) {
            String spec = in.readUTF();
            if (!spec.equals(stage.spec().toString())) {
                throw new IOException("pipeline state holds stage " + spec + " where " + stage.spec() + " is expected");
            }
            StageState state = StageState.readFrom(in);
            requireSameShape(stage, state, stage.initialState(model.config()));
            states.add(state);
        }
        return new UpdatePipeline(config, model, states);
    }

    private static void requireSameShape(StageConfig stage, StageState read, StageState fresh) throws IOException {
        boolean same = read.floatNames().equals(fresh.floatNames()) && read.intNames().equals(fresh.intNames())
                && read.doubleNames().equals(fresh.doubleNames());
        for (String name : same ? fresh.floatNames() : List.<String>of()) {
            same &= read.floats(name).length == fresh.floats(name).length;
        }
        for (String name : same ? fresh.intNames() : List.<String>of()) {
            same &= read.ints(name).length == fresh.ints(name).length;
        }
        for (String name : same ? fresh.doubleNames() : List.<String>of()) {
            same &= read.doubles(name).length == fresh.doubles(name).length;
        }
        if (!same) {
            throw new IOException("state of stage " + stage.spec() + " does not have the arrays this model needs");
        }
    }
}
