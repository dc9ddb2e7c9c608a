package io.streamcl.flink.learner;

import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/** The keyed state backends the learner supports, for harness tests that must hold on each. */
enum Backend {
    /** Objects on the heap, copied on write for snapshots. */
    HASHMAP,
    /** Serialized in an embedded RocksDB, incremental checkpoints. */
    ROCKSDB_INCREMENTAL;

    <H extends AbstractStreamOperatorTestHarness<?>> H on(H harness) {
        StateBackend backend = this == HASHMAP ? new HashMapStateBackend() : new EmbeddedRocksDBStateBackend(true);
        harness.setStateBackend(backend);
        return harness;
    }
}
