package io.streamcl.schemas.codec;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Caps on what one decoded record may hold, per field path ({@code key}, {@code features.values}): bytes for
 * strings and bytes, items for arrays and maps. A record whose field claims more is rejected before Avro allocates
 * anything for it. Fields without a cap are still bounded by the bytes left in the record.
 *
 * @param maxLengths the cap of each capped field, by its dotted path from the record's top level (union branches
 *     add no segment: {@code features.values} is the {@code values} field of whichever branch {@code features}
 *     holds)
 */
public record DecodeLimits(Map<String, Integer> maxLengths) implements Serializable {
    /** No caps beyond the record's own length. */
    public static final DecodeLimits NONE = new DecodeLimits(Map.of());

    public DecodeLimits {
        maxLengths = Map.copyOf(maxLengths);
        maxLengths.forEach((field, max) -> {
            if (max < 0) {
                throw new IllegalArgumentException("decode limit of " + field + " must be >= 0, got " + max);
            }
        });
    }

    /** These limits plus a cap of {@code max} bytes or items on {@code field}. */
    public DecodeLimits with(String field, int max) {
        Map<String, Integer> caps = new HashMap<>(maxLengths);
        caps.put(field, max);
        return new DecodeLimits(caps);
    }

    /** The cap of {@code field}, or {@link Integer#MAX_VALUE} when it has none. */
    int maxLength(String field) {
        return maxLengths.getOrDefault(field, Integer.MAX_VALUE);
    }
}
