package io.streamcl.jobs.common;

import io.streamcl.cli.DurationConverter;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Option;

/**
 * How a job runs on its cluster (a picocli mixin): parallelism, state backend, checkpoints and restarts. What the
 * command line leaves out comes from the cluster's configuration, so {@code flink run -p 4} or a FlinkDeployment's
 * settings hold; only what a StreamCL job cannot run without gets a default here: checkpointing (the exactly-once sinks
 * commit at checkpoints), a checkpoint directory, and a bounded restart strategy.
 */
public final class ClusterOptions {
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    static final int DEFAULT_RESTART_ATTEMPTS = 3;
    static final Duration DEFAULT_RESTART_DELAY = Duration.ofSeconds(10);

    @Option(names = "--parallelism", paramLabel = "N",
            description = "Job parallelism (default: the cluster's parallelism.default, e.g. flink run -p).")
    Integer parallelism;

    @Option(names = "--checkpoint-interval", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Checkpoint interval; exactly-once output becomes visible at each checkpoint (default: the"
                    + " cluster's execution.checkpointing.interval, else 10s).")
    Duration checkpointInterval;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR_OR_URI",
            description = "Where checkpoints are written: a local path or a file system URI such as s3://bucket/cp"
                    + " (default: the cluster's execution.checkpointing.dir, else checkpoints/ under"
                    + " $STREAMCL_DATA_DIR or <tmp>/streamcl-<user>). Checked at start-up.")
    String checkpointDir;

    @Option(names = "--state-backend", paramLabel = "hashmap|rocksdb", converter = StateBackendChoice.Converter.class,
            description = "Keyed state backend: hashmap (state on the heap) or rocksdb (embedded RocksDB on local disk,"
                    + " incremental checkpoints) (default: the cluster's state.backend.type, else hashmap).")
    StateBackendChoice stateBackend;

    @Option(names = "--restart-attempts", paramLabel = "N",
            description = "Restarts after failures before the job fails for good (fixed delay; default: the"
                    + " cluster's restart-strategy.type if set, else 3).")
    Integer restartAttempts;

    @Option(names = "--restart-delay", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Delay before each restart (default: 10s).")
    Duration restartDelay;

    /** Applies these options, and the defaults the cluster's configuration lacks, to {@code env}. */
    public void configure(StreamExecutionEnvironment env) {
        ReadableConfig cluster = env.getConfiguration();
        if (parallelism != null) {
            env.setParallelism(parallelism);
        }
        if (checkpointInterval != null || cluster.getOptional(CheckpointingOptions.CHECKPOINTING_INTERVAL).isEmpty()) {
            env.enableCheckpointing(Optional.ofNullable(checkpointInterval).orElse(DEFAULT_INTERVAL).toMillis());
        }
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointLocation(cluster));
        if (stateBackend != null) {
            stateBackend.applyTo(conf);
        }
        if (restartAttempts != null || restartDelay != null
                || cluster.getOptional(RestartStrategyOptions.RESTART_STRATEGY).isEmpty()) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS,
                    Optional.ofNullable(restartAttempts).orElse(DEFAULT_RESTART_ATTEMPTS));
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                    Optional.ofNullable(restartDelay).orElse(DEFAULT_RESTART_DELAY));
        }
        env.configure(conf);
    }

    private String checkpointLocation(ReadableConfig cluster) {
        if (checkpointDir != null) {
            return CheckpointDirectory.requireUsable(checkpointDir, "--checkpoint-dir").toString();
        }
        Optional<String> storage = cluster.getOptional(CheckpointingOptions.CHECKPOINT_STORAGE);
        if (storage.isPresent() && storage.get().equalsIgnoreCase("jobmanager")) {
            throw new JobStartupException(CheckpointingOptions.CHECKPOINT_STORAGE.key() + ": jobmanager keeps"
                    + " checkpoints in JobManager memory, which refuses learner state above 5 MB; set it to"
                    + " filesystem with " + CheckpointingOptions.CHECKPOINTS_DIRECTORY.key() + ", or pass --checkpoint-dir");
        }
        Optional<String> configured = cluster.getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY);
        return configured.isPresent()
                ? CheckpointDirectory.requireUsable(configured.get(), CheckpointingOptions.CHECKPOINTS_DIRECTORY.key()).toString()
                : CheckpointDirectory.requireUsable(CheckpointDirectory.localDefault(), "--checkpoint-dir (default)").toString();
    }
}
