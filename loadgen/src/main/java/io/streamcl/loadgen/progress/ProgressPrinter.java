package io.streamcl.loadgen.progress;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/** Prints one progress line per report (count, percentage, rate, MB/s, elapsed, ETA) and a summary at the end. */
public final class ProgressPrinter implements ProgressListener {

    private final Consumer<String> out;
    private final String label;

    private ProgressPrinter(Consumer<String> out, String label) {
        this.out = Objects.requireNonNull(out, "out");
        this.label = label;
    }

    /** A printer writing to {@code out}, prefixing lines with "loadgen". */
    public static ProgressPrinter to(PrintStream out) {
        return to(new PrintWriter(out, true));
    }

    /** A printer writing to {@code out}, prefixing lines with "loadgen". */
    public static ProgressPrinter to(PrintWriter out) {
        return new ProgressPrinter(line -> {
            out.println(line);
            out.flush();
        }, "loadgen");
    }

    /** The same printer with another line prefix. */
    public ProgressPrinter labelled(String label) {
        return new ProgressPrinter(out, label);
    }

    @Override
    public void onProgress(Progress p) {
        out.accept(line(p));
    }

    @Override
    public void onDone(ThroughputReport report) {
        out.accept(label + ": done, " + report);
    }

    /** The text of one progress line. */
    public String line(Progress p) {
        StringBuilder s = new StringBuilder(label).append(": ");
        s.append(String.format(Locale.ROOT, "%,d", p.examples()));
        if (p.expected() >= 0) {
            s.append(String.format(Locale.ROOT, " / %,d examples (%.1f%%)", p.expected(), 100 * p.fraction().orElse(0.0)));
        } else {
            s.append(" examples");
        }
        double seconds = Math.max(p.elapsed().toNanos(), 1) / 1e9;
        s.append(String.format(Locale.ROOT, " | %,.0f ex/s | %.1f MB/s | elapsed %s", p.rate(), p.bytes() / 1e6 / seconds,
                clock(p.elapsed())));
        p.eta().ifPresent(eta -> s.append(" | ETA ").append(clock(eta)));
        return s.toString();
    }

    static String clock(Duration d) {
        long s = d.toSeconds();
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
