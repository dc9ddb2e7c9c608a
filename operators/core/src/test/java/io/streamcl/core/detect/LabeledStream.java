package io.streamcl.core.detect;

/**
 * One synthetic metric stream for calibration, with what is known about it.
 *
 * @param family which generator made it, e.g. {@code flat p=0.5}
 * @param values one value per evaluation
 * @param onset index of the first value affected by an injected change, or -1 for a drift-free stream
 * @param size size of the injected change (dip depth, or loss jump factor), 0 for a drift-free stream
 * @param end index after which the injected change no longer counts as detectable (the dip has recovered)
 */
record LabeledStream(String family, double[] values, int onset, double size, int end) {

    boolean driftFree() {
        return onset < 0;
    }
}
