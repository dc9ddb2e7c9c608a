package io.streamcl.core.optim;

import io.streamcl.core.state.FloatArrays;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The mutable state of one pipeline stage: named float, int and double arrays (e.g. Adam's {@code m}, {@code v}
 * and per-element {@code step}) and named counters, with a versioned binary form. Names are the contract with
 * differential tests and snapshots; a stage's config decides which names it allocates.
 */
public final class StageState {
    /** Version of the binary form written by {@link #writeTo}. */
    public static final int FORMAT_VERSION = 1;

    private final Map<String, float[]> floats = new TreeMap<>();
    private final Map<String, int[]> ints = new TreeMap<>();
    private final Map<String, double[]> doubles = new TreeMap<>();
    private final Map<String, Long> counters = new TreeMap<>();

    /** Adds (or replaces) a float array and returns it. */
    public float[] putFloats(String name, float[] values) {
        floats.put(name, values);
        return values;
    }

    public int[] putInts(String name, int[] values) {
        ints.put(name, values);
        return values;
    }

    public double[] putDoubles(String name, double[] values) {
        doubles.put(name, values);
        return values;
    }

    /** The live float array {@code name}. */
    public float[] floats(String name) {
        return require(floats, name);
    }

    public int[] ints(String name) {
        return require(ints, name);
    }

    public double[] doubles(String name) {
        return require(doubles, name);
    }

    public long counter(String name) {
        return counters.getOrDefault(name, 0L);
    }

    public void setCounter(String name, long value) {
        counters.put(name, value);
    }

    /** Adds one to counter {@code name} and returns the new value. */
    public long increment(String name) {
        long value = counter(name) + 1;
        counters.put(name, value);
        return value;
    }

    public Set<String> floatNames() {
        return floats.keySet();
    }

    public Set<String> intNames() {
        return ints.keySet();
    }

    public Set<String> doubleNames() {
        return doubles.keySet();
    }

    public Set<String> counterNames() {
        return counters.keySet();
    }

    private static <T> T require(Map<String, T> map, String name) {
        T value = map.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no state array '" + name + "'");
        }
        return value;
    }

    /** Writes every array and counter, in name order. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(FORMAT_VERSION);
        out.writeInt(floats.size());
        for (Map.Entry<String, float[]> e : floats.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().length);
            FloatArrays.write(out, e.getValue(), 0, e.getValue().length);
        }
        out.writeInt(ints.size());
        for (Map.Entry<String, int[]> e : ints.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().length);
            for (int v : e.getValue()) {
                out.writeInt(v);
            }
        }
        out.writeInt(doubles.size());
        for (Map.Entry<String, double[]> e : doubles.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().length);
            for (double v : e.getValue()) {
                out.writeDouble(v);
            }
        }
        out.writeInt(counters.size());
        for (Map.Entry<String, Long> e : counters.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
    }

    /** Reads a state written by {@link #writeTo}; rejects other format versions. */
    public static StageState readFrom(DataInput in) throws IOException {
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("stage state has format version " + version + ", this build reads " + FORMAT_VERSION);
        }
        StageState state = new StageState();
        for (int n = in.readInt(); n > 0; n--) {
            String name = in.readUTF();
            float[] values = new float[in.readInt()];
            FloatArrays.read(in, values, 0, values.length);
            state.putFloats(name, values);
        }
        for (int n = in.readInt(); n > 0; n--) {
            String name = in.readUTF();
            int[] values = new int[in.readInt()];
            for (int i = 0; i < values.length; i++) {
                values[i] = in.readInt();
            }
            state.putInts(name, values);
        }
        for (int n = in.readInt(); n > 0; n--) {
            String name = in.readUTF();
            double[] values = new double[in.readInt()];
            for (int i = 0; i < values.length; i++) {
                values[i] = in.readDouble();
            }
            state.putDoubles(name, values);
        }
        for (int n = in.readInt(); n > 0; n--) {
            state.setCounter(in.readUTF(), in.readLong());
        }
        return state;
    }
}
