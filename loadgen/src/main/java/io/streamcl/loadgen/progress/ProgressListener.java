package io.streamcl.loadgen.progress;

/** Receives periodic progress of a producer or file writer, on the thread doing the work. */
@FunctionalInterface
public interface ProgressListener {

    /** Called about once per reporting interval; keep it cheap. */
    void onProgress(Progress progress);

    /** Called once when the run ends, with what it achieved. */
    default void onDone(ThroughputReport report) {
    }

    /** A listener that ignores everything. */
    static ProgressListener none() {
        return progress -> {
        };
    }
}
