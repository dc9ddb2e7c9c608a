package io.streamcl.flink.serde;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink type information of {@link StreamExample}: an atomic type moved by {@link StreamExampleSerializer}. */
public final class StreamExampleTypeInfo extends TypeInformation<StreamExample> {
    private static final long serialVersionUID = 1L;

    /** Found by Flink's type extraction through {@link StreamExample}'s {@code @TypeInfo}. */
    public static final class Factory extends TypeInfoFactory<StreamExample> {
        @Override
        public TypeInformation<StreamExample> createTypeInfo(Type type, Map<String, TypeInformation<?>> parameters) {
            return new StreamExampleTypeInfo();
        }
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<StreamExample> getTypeClass() {
        return StreamExample.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<StreamExample> createSerializer(SerializerConfig config) {
        return new StreamExampleSerializer();
    }

    @Override
    public String toString() {
        return "StreamExample";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamExampleTypeInfo;
    }

    @Override
    public int hashCode() {
        return StreamExampleTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof StreamExampleTypeInfo;
    }
}
