package io.streamcl.core.replay;

import io.streamcl.core.spec.Spec;

/**
 * The weight w of the new data in a mixed batch's loss {@code w · mean(L_new) + (1 - w) · mean(L_replay)}: fixed
 * (De Lange et al., {@code Lw_new}, 0.3 to 0.7 by benchmark), or {@code 1/t} on the t-th task (Hess et al., λ_t =
 * 1/t, which approximates the joint loss with equal weight per task; {@code docs/optimizers.md}).
 */
public record NewDataWeight(double fixed) {
    /** The text of the 1/t schedule. */
    public static final String INVERSE_TASKS_TEXT = "1/t";
    /** Hess et al.'s schedule. */
    public static final NewDataWeight INVERSE_TASKS = new NewDataWeight(Double.NaN);

    public NewDataWeight {
        if (!Double.isNaN(fixed) && !(fixed >= 0 && fixed <= 1)) {
            throw new IllegalArgumentException("new-data weight must be in [0, 1] or 1/t, got " + fixed);
        }
    }

    /** The weight on the {@code task}-th task (1-based). */
    public double at(int task) {
        return Double.isNaN(fixed) ? 1.0 / task : fixed;
    }

    @Override
    public String toString() {
        return Double.isNaN(fixed) ? INVERSE_TASKS_TEXT : Spec.number(fixed);
    }
}
