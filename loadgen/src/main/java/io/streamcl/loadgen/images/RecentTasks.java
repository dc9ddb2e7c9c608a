package io.streamcl.loadgen.images;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Keeps the per-task objects (permutations, rotation tables) of the last few tasks: a stream visits tasks in order
 * and a drift window mixes at most two, while hundreds of tasks would not all fit comfortably.
 */
final class RecentTasks<T> {

    private static final int CAPACITY = 4;

    private final IntFunction<T> create;
    private final Map<Integer, T> recent = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, T> eldest) {
            return size() > CAPACITY;
        }
    };

    RecentTasks(IntFunction<T> create) {
        this.create = create;
    }

    T get(int task) {
        return recent.computeIfAbsent(task, create::apply);
    }
}
