package io.streamcl.loadgen;

import io.streamcl.schemas.Example;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/** Turns a scenario's samples into Examples for one or more keys, round-robin. */
final class ScenarioExamples implements ExampleStream {

    private final List<String> keys;
    private final KeyMode mode;
    private final Clock clock;
    private final List<Iterator<Sample>> sources = new ArrayList<>();
    private final long size;
    private Sample shared;
    private long emitted;

    ScenarioExamples(List<String> keys, KeyMode mode, Scenario scenario, Clock clock) {
        this.keys = List.copyOf(keys);
        this.mode = Objects.requireNonNull(mode, "mode");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (this.keys.isEmpty()) {
            throw new IllegalArgumentException("keys must not be empty");
        }
        if (new HashSet<>(this.keys).size() != this.keys.size()) {
            throw new IllegalArgumentException("keys must be distinct, were " + this.keys);
        }
        for (String key : this.keys) {
            if (key.isBlank()) {
                throw new IllegalArgumentException("keys must not be blank, were " + this.keys);
            }
        }
        if (mode == KeyMode.REPLICATED) {
            sources.add(scenario.samples());
        } else {
            for (int k = 0; k < this.keys.size(); k++) {
                sources.add(scenario.withSeed(Randomness.derive(scenario.plan().seed(), "key", k)).samples());
            }
        }
        this.size = Math.multiplyExact(scenario.length(), this.keys.size());
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean hasNext() {
        return emitted < size;
    }

    @Override
    public Example next() {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + size + " examples emitted");
        }
        int k = (int) (emitted % keys.size());
        long seq = emitted / keys.size();
        emitted++;
        Sample sample;
        if (mode == KeyMode.REPLICATED) {
            if (k == 0) {
                shared = sources.get(0).next();
            }
            sample = shared;
        } else {
            sample = sources.get(k).next();
        }
        return new Example(keys.get(k), seq, Instant.ofEpochMilli(clock.millis()), sample.taskId(), sample.split(),
                sample.features().toAvro(), sample.label(), sample.target());
    }
}
