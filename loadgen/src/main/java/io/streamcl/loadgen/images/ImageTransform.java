package io.streamcl.loadgen.images;

/** Maps the pixels of one image to those of its task's version; never modifies its input. */
@FunctionalInterface
public interface ImageTransform {

    /** The identity. */
    ImageTransform IDENTITY = image -> image;

    /** The transformed pixels (may be the input itself for the identity). */
    byte[] apply(byte[] image);
}
