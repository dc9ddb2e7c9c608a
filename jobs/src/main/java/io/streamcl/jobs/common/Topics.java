package io.streamcl.jobs.common;

import java.util.List;

/** Default topic names, one per event type. */
public final class Topics {
    public static final String EXAMPLES = "examples";
    public static final String EVALUATIONS = "evaluations";
    public static final String PREDICTIONS = "predictions";
    public static final String ALERTS = "alerts";
    public static final String DEAD_LETTERS = "dead-letters";

    /** Every topic StreamCL reads or writes. */
    public static final List<String> ALL = List.of(EXAMPLES, EVALUATIONS, PREDICTIONS, ALERTS, DEAD_LETTERS);

    private Topics() {}
}
