package io.streamcl.core.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test helper: feeds a vector to a detector, step = index, and collects what it reports. */
final class DetectorRun {
    private DetectorRun() {}

    static List<Detection> run(ChangeDetector detector, double... values) {
        List<Detection> detections = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            detector.update(i, values[i]).ifPresent(detections::add);
        }
        return detections;
    }

    static double[] repeat(double value, int times) {
        double[] out = new double[times];
        Arrays.fill(out, value);
        return out;
    }

    static double[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] out = new double[n];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static double[] negate(double[] values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = -out[i];
        }
        return out;
    }
}
