package io.streamcl.loadgen;

import io.streamcl.schemas.Split;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/** Walks a scenario's stages, picks the task of each example (blending near boundaries) and its split. */
final class TaskStream implements Iterator<Sample> {

    private final Scenario scenario;
    private final TaskSampler sampler;
    private final SplittableRandom random;
    private final long perTask;
    private final long window;
    private final long length;
    private long position;

    TaskStream(Scenario scenario, TaskSampler sampler, SplittableRandom random) {
        this.scenario = scenario;
        this.sampler = sampler;
        this.random = random;
        this.perTask = scenario.examplesPerTask();
        this.window = scenario.plan().driftWindow();
        this.length = scenario.length();
    }

    @Override
    public boolean hasNext() {
        return position < length;
    }

    @Override
    public Sample next() {
        if (!hasNext()) {
            throw new NoSuchElementException("scenario exhausted after " + length + " samples");
        }
        long stage = position / perTask;
        long offset = position % perTask;
        position++;
        int task = window == 0 ? scenario.taskAtStage(stage) : blendedTask(stage, offset);
        Split split = random.nextDouble() < scenario.plan().evalFraction() ? Split.EVAL : Split.TRAIN;
        return sampler.draw(task, split);
    }

    /**
     * Inside the window centred on a boundary the next task's share rises linearly from 0 to 1, so position j of
     * the window draws from the new task with probability (j + 0.5) / window.
     */
    private int blendedTask(long stage, long offset) {
        long before = window / 2;
        long after = window - before;
        if (offset >= perTask - before && stage + 1 < scenario.stageCount()) {
            long j = offset - (perTask - before);
            return random.nextDouble() < (j + 0.5) / window ? scenario.taskAtStage(stage + 1) : scenario.taskAtStage(stage);
        }
        if (offset < after && stage > 0) {
            long j = before + offset;
            return random.nextDouble() < (j + 0.5) / window ? scenario.taskAtStage(stage) : scenario.taskAtStage(stage - 1);
        }
        return scenario.taskAtStage(stage);
    }
}
