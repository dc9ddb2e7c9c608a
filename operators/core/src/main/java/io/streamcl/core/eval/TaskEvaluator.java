package io.streamcl.core.eval;

import io.streamcl.core.model.Mlp;
import io.streamcl.core.model.MlpWorkspace;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores a model on several tasks' held-out sets at once: rows of all tasks are packed into as few large forward
 * passes as the workspace allows, because inference cost per example falls steeply with batch size
 * (a gemm at batch 1000 runs near the machine's peak FLOP rate). Rows are dequantised straight from their stored
 * form (8-bit for quantized input) into the workspace's input block, so a pass allocates nothing.
 */
public final class TaskEvaluator {
    private final MlpWorkspace workspace;
    private final int[] rowTask;
    private final int[] rowLabel;

    /** An evaluator whose forward passes take up to {@code rowsPerPass} rows. */
    public TaskEvaluator(Mlp model, int rowsPerPass) {
        this.workspace = model.workspace(rowsPerPass);
        this.rowTask = new int[rowsPerPass];
        this.rowLabel = new int[rowsPerPass];
    }

    /**
     * Accuracy and mean cross-entropy of {@code model} on {@code samples} rows of each set, starting at row {@code
     * first} (modulo the set's size, wrapping around); a set smaller than {@code samples} is scored whole.
     */
    public List<TaskScore> evaluate(Mlp model, List<HeldOutSet> sets, int samples, long first) {
        int tasks = sets.size();
        long[] correct = new long[tasks];
        double[] lossSum = new double[tasks];
        int[] counted = new int[tasks];
        int outputs = model.config().outputs();
        FloatBuffer input = workspace.inputBuffer();
        int rows = 0;
        for (int t = 0; t < tasks; t++) {
            HeldOutSet set = sets.get(t);
            int n = Math.min(samples, set.size());
            int start = (int) (first % set.size());
            for (int i = 0; i < n; i++) {
                int row = (start + i) % set.size();
                set.rows().copyInto(row, input, rows);
                rowTask[rows] = t;
                rowLabel[rows] = set.label(row);
                if (++rows == workspace.capacity()) {
                    score(model, rows, outputs, correct, lossSum, counted);
                    rows = 0;
                }
            }
        }
        if (rows > 0) {
            score(model, rows, outputs, correct, lossSum, counted);
        }
        List<TaskScore> scores = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            if (counted[t] > 0) {
                scores.add(new TaskScore(sets.get(t).taskId(), counted[t], (double) correct[t] / counted[t],
                        lossSum[t] / counted[t]));
            }
        }
        return scores;
    }

    private void score(Mlp model, int rows, int outputs, long[] correct, double[] lossSum, int[] counted) {
        model.forward(workspace, rows);
        FloatBuffer p = workspace.probabilityBuffer();
        for (int r = 0; r < rows; r++) {
            int t = rowTask[r];
            int label = rowLabel[r];
            if (Mlp.argMax(p, r, outputs) == label) {
                correct[t]++;
            }
            lossSum[t] -= Math.log(Math.max(p.get(r * outputs + label), 1e-12f));
            counted[t]++;
        }
    }
}
