package io.streamcl.tools.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The evaluations of one configuration on one learner key, in model-step order, with its alerts and run
 * metadata: one column of the report.
 *
 * @param name what the report calls it: the source's label, else configName, else configHash, else the key
 *     (with the key appended when one configuration ran on several keys)
 * @param info run metadata given with {@code --run-info} (settings, seed, throughput), in file order
 */
public record RunSeries(String name, String key, String configHash, List<Evaluation> evaluations,
        List<AlertMark> alerts, Map<String, String> info) {

    /**
     * Groups {@code evaluations} (and the alerts of the same configuration and key) into series; {@code label},
     * when not null, names every configuration of this source. {@code infos} holds run metadata by configuration
     * name (the label, else the events' name: one source of a grid job has several).
     */
    public static List<RunSeries> group(String label, List<Evaluation> evaluations, List<AlertMark> alerts,
            Map<String, Map<String, String>> infos) {
        Function<Evaluation, String> configOf = e -> label != null ? label
                : e.configName() != null ? e.configName() : e.configHash() != null ? e.configHash() : e.key();
        Map<String, Set<String>> keysByConfig = new LinkedHashMap<>();
        Map<List<String>, List<Evaluation>> byConfigAndKey = new LinkedHashMap<>();
        for (Evaluation e : evaluations) {
            String config = configOf.apply(e);
            keysByConfig.computeIfAbsent(config, c -> new LinkedHashSet<>()).add(e.key());
            byConfigAndKey.computeIfAbsent(List.of(config, e.key()), k -> new ArrayList<>()).add(e);
        }
        List<RunSeries> series = new ArrayList<>();
        byConfigAndKey.forEach((configAndKey, list) -> {
            String config = configAndKey.get(0);
            String key = configAndKey.get(1);
            String name = keysByConfig.get(config).size() > 1 ? config + " · " + key : config;
            List<Evaluation> sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparingLong(Evaluation::step));
            String hash = sorted.get(sorted.size() - 1).configHash();
            String configName = sorted.get(sorted.size() - 1).configName();
            List<AlertMark> own = alerts.stream().filter(a -> a.key().equals(key)
                    && (label != null || hash == null || hash.equals(a.configHash()))
                    && (label != null || configName == null || a.configName() == null
                            || configName.equals(a.configName()))).toList();
            series.add(new RunSeries(name, key, hash, dedupe(sorted), own, infos.getOrDefault(config, Map.of())));
        });
        return series;
    }

    /**
     * One evaluation per model step: a periodic and a boundary event of the same step are merged (see {@link
     * Evaluation#mergedWith}); so is a step a restarted job emitted twice.
     */
    private static List<Evaluation> dedupe(List<Evaluation> sorted) {
        Map<Long, Evaluation> byStep = new LinkedHashMap<>();
        for (Evaluation e : sorted) {
            byStep.merge(e.step(), e, Evaluation::mergedWith);
        }
        return List.copyOf(byStep.values());
    }

    /** This series through the EMA weights (name suffixed), or null when no evaluation has EMA accuracies. */
    public RunSeries emaView() {
        List<Evaluation> ema = evaluations.stream().map(Evaluation::emaView).filter(e -> e != null).toList();
        return ema.isEmpty() ? null : new RunSeries(name + " (EMA weights)", key, configHash, ema, alerts, info);
    }

    /** Every task id evaluated in this series, ascending. */
    public Set<Integer> taskIds() {
        Set<Integer> ids = new TreeSet<>();
        evaluations.forEach(e -> ids.addAll(e.tasks().keySet()));
        return ids;
    }

    /** Task boundaries: the model step at which each task's training ended, in order. */
    public List<Boundary> boundaries() {
        List<Boundary> boundaries = new ArrayList<>();
        Evaluation previous = null;
        for (Evaluation e : evaluations) {
            if (e.endedTask() != null) {
                boundaries.add(new Boundary(e.step(), e.endedTask()));
            } else if (previous != null && previous.currentTask() != null && e.currentTask() != null
                    && !previous.currentTask().equals(e.currentTask())
                    && (boundaries.isEmpty() || boundaries.get(boundaries.size() - 1).step() != previous.step())) {
                // No boundary evaluation (an older learner): the task changed between two periodic ones.
                boundaries.add(new Boundary(previous.step(), previous.currentTask()));
            }
            previous = e;
        }
        return boundaries;
    }

    /** The end of one task's training. */
    public record Boundary(long step, int endedTask) {
    }
}
