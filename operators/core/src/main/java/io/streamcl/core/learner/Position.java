package io.streamcl.core.learner;

/**
 * Where a {@link ContinualLearner} stands between updates: its task ({@code null} before the first trained example),
 * the examples waiting in its mini-batch and whether its input ended. It is all a runtime needs to tell, without the
 * learner, which examples the learner would only store ({@link ContinualLearner#storesOnly}).
 */
public record Position(Integer task, int pending, boolean ended) {
    public Position {
        if (pending < 0) {
            throw new IllegalArgumentException("pending examples must be >= 0, got " + pending);
        }
    }

    /** The position after one more example joined the mini-batch. */
    public Position withOneMorePending() {
        return new Position(task, pending + 1, ended);
    }
}
