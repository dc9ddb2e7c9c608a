package io.streamcl.core.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * ADWIN's compressed window (Datar, Gionis, Indyk and Motwani's exponential histogram, as in Bifet and Gavaldà
 * 2007 and river's {@code adwin_c.pyx}): row {@code r} holds up to {@code max_buckets} buckets of {@code 2^r}
 * consecutive values, each with its total, its sum of squared deviations and the step of its first value; row 0
 * is the newest, and inside a row bucket 0 is the oldest. Adding a value that overfills a row merges that row's
 * two oldest buckets into the next row. A window of {@code W} values thus takes at most
 * {@code (max_buckets + 1) * (log2(W) + 1)} buckets, and at most 64 rows since {@code W} is a long.
 */
final class ExponentialHistogram {
    private final int maxBuckets;
    private final List<Row> rows = new ArrayList<>();
    private long width;
    private double total;
    private double squaredDeviations;

    ExponentialHistogram(int maxBuckets) {
        this.maxBuckets = maxBuckets;
    }

    /** Appends one value; the window statistics are updated incrementally (Welford). */
    void add(long step, double value) {
        if (width > 0) {
            double d = value - total / width;
            squaredDeviations += width * d * d / (width + 1);
        }
        width++;
        total += value;
        if (rows.isEmpty()) {
            rows.add(new Row(maxBuckets));
        }
        rows.get(0).append(value, 0.0, step);
        for (int r = 0; r < rows.size() && rows.get(r).count > maxBuckets; r++) {
            if (r + 1 == rows.size()) {
                rows.add(new Row(maxBuckets));
            }
            Row row = rows.get(r);
            double n = size(r);
            double d = row.totals[0] / n - row.totals[1] / n;
            // Chan et al.'s pairwise merge: M2 = M2a + M2b + na nb (mean_a - mean_b)^2 / (na + nb), with na = nb = n.
            double merged = row.squaredDeviations[0] + row.squaredDeviations[1] + n * d * d / 2;
            rows.get(r + 1).append(row.totals[0] + row.totals[1], merged, row.firstSteps[0]);
            row.dropOldest(2);
        }
    }

    /** Drops the oldest bucket and returns how many values it held. */
    long removeOldest() {
        int r = rows.size() - 1;
        Row row = rows.get(r);
        long n = size(r);
        double u = row.totals[0];
        width -= n;
        total -= u;
        if (width == 0) {
            squaredDeviations = 0.0;
        } else {
            double d = u / n - total / width;
            squaredDeviations -= row.squaredDeviations[0] + (double) n * width * d * d / (n + width);
        }
        row.dropOldest(1);
        if (row.count == 0) {
            rows.remove(r);
        }
        return n;
    }

    static long size(int row) {
        return 1L << row;
    }

    long width() {
        return width;
    }

    double total() {
        return total;
    }

    /** Population variance of the window, never negative despite rounding. */
    double variance() {
        return width == 0 ? 0.0 : Math.max(squaredDeviations / width, 0.0);
    }

    int rowCount() {
        return rows.size();
    }

    int bucketCount(int row) {
        return rows.get(row).count;
    }

    double bucketTotal(int row, int bucket) {
        return rows.get(row).totals[bucket];
    }

    long bucketFirstStep(int row, int bucket) {
        return rows.get(row).firstSteps[bucket];
    }

    void clear() {
        rows.clear();
        width = 0;
        total = 0.0;
        squaredDeviations = 0.0;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeLong(width);
        out.writeDouble(total);
        out.writeDouble(squaredDeviations);
        out.writeInt(rows.size());
        for (Row row : rows) {
            out.writeInt(row.count);
            for (int b = 0; b < row.count; b++) {
                out.writeDouble(row.totals[b]);
                out.writeDouble(row.squaredDeviations[b]);
                out.writeLong(row.firstSteps[b]);
            }
        }
    }

    void readFrom(DataInput in) throws IOException {
        clear();
        width = in.readLong();
        total = in.readDouble();
        squaredDeviations = in.readDouble();
        int rowCount = in.readInt();
        if (rowCount < 0 || rowCount > Long.SIZE) {
            throw new IOException("adwin state has " + rowCount + " bucket rows, at most " + Long.SIZE + " are possible");
        }
        for (int r = 0; r < rowCount; r++) {
            int count = in.readInt();
            if (count < 0 || count > maxBuckets) {
                throw new IOException("adwin state row " + r + " has " + count + " buckets, max_buckets is " + maxBuckets);
            }
            Row row = new Row(maxBuckets);
            for (int b = 0; b < count; b++) {
                row.append(in.readDouble(), in.readDouble(), in.readLong());
            }
            rows.add(row);
        }
    }

    /** The buckets of one size, oldest first, with room for the one extra that triggers a merge. */
    private static final class Row {
        final double[] totals;
        final double[] squaredDeviations;
        final long[] firstSteps;
        int count;

        Row(int maxBuckets) {
            totals = new double[maxBuckets + 1];
            squaredDeviations = new double[maxBuckets + 1];
            firstSteps = new long[maxBuckets + 1];
        }

        void append(double total, double squaredDeviation, long firstStep) {
            totals[count] = total;
            squaredDeviations[count] = squaredDeviation;
            firstSteps[count] = firstStep;
            count++;
        }

        void dropOldest(int n) {
            System.arraycopy(totals, n, totals, 0, count - n);
            System.arraycopy(squaredDeviations, n, squaredDeviations, 0, count - n);
            System.arraycopy(firstSteps, n, firstSteps, 0, count - n);
            count -= n;
        }
    }
}
