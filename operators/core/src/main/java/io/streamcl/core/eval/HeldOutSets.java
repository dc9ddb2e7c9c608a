package io.streamcl.core.eval;

import io.streamcl.core.state.Features;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The held-out evaluation sets of every task a learner has met, one {@link HeldOutSet} each, at most {@code
 * maxTasks} of them: past that the set of the task created first is dropped (the same rule as {@link
 * io.streamcl.core.metrics.ContinualMetrics}), so a task-free stream with endless drift segments stays bounded.
 */
public final class HeldOutSets {
    private final int capacity;
    private final int inputs;
    private final int maxTasks;
    private final long seed;
    /** Insertion order is creation order, which decides eviction. */
    private final Map<Integer, HeldOutSet> sets = new LinkedHashMap<>();
    private final TreeMap<Integer, Boolean> started = new TreeMap<>();

    public HeldOutSets(int capacity, int inputs, int maxTasks, long seed) {
        this.capacity = capacity;
        this.inputs = inputs;
        this.maxTasks = maxTasks;
        this.seed = seed;
    }

    /** Offers an example of dense features to its task's set. */
    public void offer(int taskId, float[] x, int label) {
        offer(taskId, Features.dense(x), label);
    }

    /** Offers an example to its task's set (kept in its arrival form), creating the set on first use. */
    public void offer(int taskId, Features x, int label) {
        HeldOutSet set = sets.get(taskId);
        if (set == null) {
            set = new HeldOutSet(taskId, capacity, inputs, seed);
            sets.put(taskId, set);
            evictBeyondLimit();
        }
        set.offer(x, label);
    }

    /**
     * Marks a task as started training: only started tasks are evaluated ("seen tasks"). Returns whether it had not
     * started before.
     */
    public boolean markStarted(int taskId) {
        return started.put(taskId, Boolean.TRUE) == null;
    }

    /** The non-empty sets of started tasks, in task-id order. */
    public List<HeldOutSet> seen() {
        List<HeldOutSet> seen = new ArrayList<>();
        for (Integer task : started.keySet()) {
            HeldOutSet set = sets.get(task);
            if (set != null && set.size() > 0) {
                seen.add(set);
            }
        }
        return seen;
    }

    /** The set of {@code taskId}, if it holds any example. */
    public Optional<HeldOutSet> of(int taskId) {
        HeldOutSet set = sets.get(taskId);
        return set == null || set.size() == 0 ? Optional.empty() : Optional.of(set);
    }

    /** Held examples over all tasks, for memory accounting. */
    public long heldExamples() {
        return sets.values().stream().mapToLong(HeldOutSet::size).sum();
    }

    private void evictBeyondLimit() {
        while (sets.size() > maxTasks) {
            Integer oldest = sets.keySet().iterator().next();
            sets.remove(oldest);
            started.remove(oldest);
        }
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(sets.size());
        for (HeldOutSet set : sets.values()) {
            set.writeTo(out);
        }
        out.writeInt(started.size());
        for (Integer task : started.keySet()) {
            out.writeInt(task);
        }
    }

    /**
     * Reads sets written by {@link #writeTo} with the same capacity, width, limit and seed, in the form of learner
     * state {@code version} ({@link HeldOutSet#readFrom}).
     */
    public static HeldOutSets readFrom(DataInput in, int capacity, int inputs, int maxTasks, long seed, int version)
            throws IOException {
        HeldOutSets sets = new HeldOutSets(capacity, inputs, maxTasks, seed);
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            HeldOutSet set = HeldOutSet.readFrom(in, seed, version);
            sets.sets.put(set.taskId(), set);
        }
        int startedCount = in.readInt();
        for (int i = 0; i < startedCount; i++) {
            sets.started.put(in.readInt(), Boolean.TRUE);
        }
        return sets;
    }
}
