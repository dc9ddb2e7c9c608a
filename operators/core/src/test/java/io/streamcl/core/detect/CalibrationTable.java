package io.streamcl.core.detect;

import io.streamcl.core.spec.Spec;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders {@link CalibrationScore}s as one Markdown table, one row per alarm rule. */
final class CalibrationTable {
    private CalibrationTable() {}

    static String render(List<CalibrationScore> scores) {
        return render("detector", scores);
    }

    /** One row per score, the first column headed {@code subject}. */
    static String render(String subject, List<CalibrationScore> scores) {
        if (scores.isEmpty()) {
            return "";
        }
        CalibrationScore first = scores.get(0);
        StringBuilder s = new StringBuilder("| " + subject + " |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String family : first.falseAlarms().keySet()) {
            s.append(" FA/10k ").append(family).append(" |");
            rule.append("---:|");
        }
        for (double size : first.delays().keySet()) {
            s.append(" delay ").append(Spec.number(size)).append(" (hit, within ")
                    .append(CalibrationScore.QUICK).append(") |");
            rule.append("---:|");
        }
        s.append('\n').append(rule).append('\n');
        for (CalibrationScore score : scores) {
            s.append("| ").append(score.name()).append(" |");
            for (double rate : score.falseAlarms().values()) {
                s.append(' ').append(String.format(Locale.ROOT, "%.2f", rate)).append(" |");
            }
            for (Map.Entry<Double, CalibrationScore.Delay> e : score.delays().entrySet()) {
                CalibrationScore.Delay d = e.getValue();
                String median = Double.isNaN(d.median()) ? "-" : Spec.number(d.median());
                s.append(String.format(Locale.ROOT, " %s (%.1f%%, %.1f%%) |", median, 100 * d.rate(),
                        100 * d.quickRate()));
            }
            s.append('\n');
        }
        return s.toString();
    }
}
