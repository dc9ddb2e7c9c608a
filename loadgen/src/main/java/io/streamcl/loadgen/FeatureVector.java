package io.streamcl.loadgen;

import io.streamcl.schemas.DenseFeatures;
import io.streamcl.schemas.QuantizedFeatures;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.PrimitivesArrays;

/** The input vector of a sample: 32-bit floats, or unsigned bytes q read as {@code offset + scale * q}. */
public sealed interface FeatureVector permits FeatureVector.Dense, FeatureVector.Quantized {

    /** Number of features. */
    int size();

    /** The real value of feature {@code i}. */
    float value(int i);

    /** The Avro union member ({@link DenseFeatures} or {@link QuantizedFeatures}) for {@code Example.features}. */
    Object toAvro();

    /** Features as 32-bit floats. */
    record Dense(float[] values) implements FeatureVector {

        private static final Schema VALUES_SCHEMA = DenseFeatures.SCHEMA$.getField("values").schema();

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public float value(int i) {
            return values[i];
        }

        @Override
        public Object toAvro() {
            // An unboxed Avro array: a List<Float> of boxed values would cost 16 bytes a feature on the heap.
            PrimitivesArrays.FloatArray array = new PrimitivesArrays.FloatArray(values.length, VALUES_SCHEMA);
            for (float v : values) {
                array.add(v);
            }
            return new DenseFeatures(array);
        }
    }

    /** Features as unsigned bytes with an affine map, exact for pixels and bits. */
    record Quantized(byte[] values, float scale, float offset) implements FeatureVector {

        /** Pixel intensities 0..255 read as 0..1. */
        public static Quantized pixels(byte[] pixels) {
            return new Quantized(pixels, 1f / 255f, 0f);
        }

        /** The unsigned byte of feature {@code i}, 0..255. */
        public int unsigned(int i) {
            return values[i] & 0xFF;
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public float value(int i) {
            return offset + scale * unsigned(i);
        }

        @Override
        public Object toAvro() {
            return new QuantizedFeatures(ByteBuffer.wrap(values), scale, offset);
        }

        /** The same values as dense floats (4x larger on the wire). */
        public Dense toDense() {
            float[] dense = new float[values.length];
            for (int i = 0; i < dense.length; i++) {
                dense[i] = value(i);
            }
            return new Dense(dense);
        }
    }
}
