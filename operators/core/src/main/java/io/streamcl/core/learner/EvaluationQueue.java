package io.streamcl.core.learner;

import io.streamcl.core.eval.TaskScore;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A learner's continual evaluations in flight and the metric updates that follow them, applied strictly in the
 * order the learner made them. Without an executor every evaluation is scored and completed on the caller's
 * thread. With one, scoring (the forward passes, the costly part) runs there while training goes on; the metric
 * updates made meanwhile (predictions of later updates, task starts) wait behind the evaluation in the queue, so
 * the metrics, reports and state come out exactly as if each evaluation had run synchronously at its model step.
 * At most {@link #MAX_IN_FLIGHT} evaluations wait: a learner that evaluates faster than it can score blocks on the
 * oldest instead of holding ever more weight snapshots.
 */
final class EvaluationQueue {
    static final int MAX_IN_FLIGHT = 2;

    private final ArrayDeque<Object> entries = new ArrayDeque<>();
    private Executor executor;
    private int inFlight;

    private record Pending(CompletableFuture<List<TaskScore>> scores,
            Function<List<TaskScore>, LearnerReport> complete) {}

    /** Scores later evaluations on {@code executor} (null: on the caller's thread); only while nothing is queued. */
    void executeOn(Executor executor) {
        if (!entries.isEmpty()) {
            throw new IllegalStateException("evaluations are in flight: drain them before changing the executor");
        }
        this.executor = executor;
    }

    /** Whether scoring runs off the caller's thread, so what it reads must be a snapshot. */
    boolean async() {
        return executor != null;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Applies a metric update now, or after the evaluations queued before it. */
    void run(Runnable update) {
        if (entries.isEmpty()) {
            update.run();
        } else {
            entries.add(update);
        }
    }

    /**
     * Queues an evaluation: {@code scoring} computes its scores (on the executor, if any), {@code complete} turns
     * them into the report on the caller's thread once every earlier entry is applied. Completed reports go to
     * {@code out}.
     */
    void submit(Supplier<List<TaskScore>> scoring, Function<List<TaskScore>, LearnerReport> complete,
            List<LearnerReport> out) {
        if (executor == null) {
            // nothing is ever queued without an executor: every update before this one is applied
            out.add(complete.apply(scoring.get()));
            return;
        }
        entries.add(new Pending(CompletableFuture.supplyAsync(scoring, executor), complete));
        inFlight++;
        while (inFlight > MAX_IN_FLIGHT) {
            applyFirst(out);
        }
        poll(out);
    }

    /** Applies the queued entries up to the first evaluation still being scored; reports go to {@code out}. */
    void poll(List<LearnerReport> out) {
        while (!entries.isEmpty()
                && !(entries.peekFirst() instanceof Pending pending && !pending.scores().isDone())) {
            applyFirst(out);
        }
    }

    /** Waits for every queued evaluation and applies everything; reports go to {@code out}. */
    void drain(List<LearnerReport> out) {
        while (!entries.isEmpty()) {
            applyFirst(out);
        }
    }

    private void applyFirst(List<LearnerReport> out) {
        Object entry = entries.pollFirst();
        if (entry instanceof Pending pending) {
            inFlight--;
            List<TaskScore> scores;
            try {
                scores = pending.scores().join();
            } catch (CompletionException e) {
                throw new IllegalStateException("continual evaluation failed on its evaluator thread", e.getCause());
            }
            out.add(pending.complete().apply(scores));
        } else {
            ((Runnable) entry).run();
        }
    }
}
