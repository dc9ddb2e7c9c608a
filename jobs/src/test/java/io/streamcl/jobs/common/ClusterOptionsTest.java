package io.streamcl.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ClusterOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void leavesParallelismAndIntervalToTheClusterWhenNotGiven() {
        Configuration cluster = new Configuration();
        cluster.set(CoreOptions.DEFAULT_PARALLELISM, 4);
        cluster.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(30));
        cluster.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, "file://" + tmp.resolve("cluster-cp"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(cluster);

        options().configure(env);

        assertThat(env.getParallelism()).isEqualTo(4);
        assertThat(env.getCheckpointInterval()).isEqualTo(30_000);
        assertThat(env.getConfiguration().get(CheckpointingOptions.CHECKPOINT_STORAGE)).isEqualTo("filesystem");
        assertThat(env.getConfiguration().get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .isEqualTo("file://" + tmp.resolve("cluster-cp"));
        assertThat(tmp.resolve("cluster-cp")).isDirectory();
    }

    @Test
    void defaultsToCheckpointsEvery10sInALocalDirectoryWithBoundedRestarts() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());

        options().configure(env);

        assertThat(env.getCheckpointInterval()).isEqualTo(10_000);
        assertThat(env.getConfiguration().get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .isEqualTo("file://" + CheckpointDirectory.localDefault()).endsWith("/checkpoints");
        assertThat(env.getConfiguration().get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("fixed-delay");
        assertThat(env.getConfiguration().get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS)).isEqualTo(3);
    }

    @Test
    void givenOptionsWinOverTheCluster() {
        Configuration cluster = new Configuration();
        cluster.set(CoreOptions.DEFAULT_PARALLELISM, 4);
        cluster.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(30));
        cluster.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(cluster);

        options("--parallelism", "2", "--checkpoint-interval", "PT2S", "--checkpoint-dir", tmp.resolve("cp").toString(),
                "--restart-attempts", "5", "--restart-delay", "1").configure(env);

        assertThat(env.getParallelism()).isEqualTo(2);
        assertThat(env.getCheckpointInterval()).isEqualTo(2_000);
        assertThat(env.getConfiguration().get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .isEqualTo("file://" + tmp.resolve("cp"));
        assertThat(env.getConfiguration().get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("fixed-delay");
        assertThat(env.getConfiguration().get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS)).isEqualTo(5);
        assertThat(env.getConfiguration().get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY))
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void setsTheStateBackendOnlyWhenGivenAndRocksDbCheckpointsIncrementally() {
        Configuration cluster = new Configuration();
        cluster.set(StateBackendOptions.STATE_BACKEND, "forst");
        StreamExecutionEnvironment untouched = StreamExecutionEnvironment.getExecutionEnvironment(cluster);
        options("--checkpoint-dir", tmp.toString()).configure(untouched);
        assertThat(untouched.getConfiguration().get(StateBackendOptions.STATE_BACKEND)).isEqualTo("forst");

        StreamExecutionEnvironment rocks = StreamExecutionEnvironment.getExecutionEnvironment(cluster);
        options("--checkpoint-dir", tmp.toString(), "--state-backend", "RocksDB").configure(rocks);
        assertThat(rocks.getConfiguration().get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(rocks.getConfiguration().get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();

        StreamExecutionEnvironment heap = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        options("--checkpoint-dir", tmp.toString(), "--state-backend", "hashmap").configure(heap);
        assertThat(heap.getConfiguration().get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
    }

    @Test
    void refusesAnUnknownStateBackendNamingTheKnownOnes() {
        assertThatThrownBy(() -> options("--state-backend", "memory"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--state-backend").hasMessageContaining("'memory' is not a state backend; use hashmap or rocksdb");
    }

    @Test
    void keepsTheClustersRestartStrategyWhenNoRestartOptionIsGiven() {
        Configuration cluster = new Configuration();
        cluster.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(cluster);

        options("--checkpoint-dir", tmp.toString()).configure(env);

        assertThat(env.getConfiguration().get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("exponential-delay");
    }

    @Test
    void anUnwritableDirectoryFailsAtStartUpNamingTheOption() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());

        assertThatThrownBy(() -> options("--checkpoint-dir", file.resolve("cp").toString()).configure(env))
                .isInstanceOf(JobStartupException.class)
                .hasMessageStartingWith("--checkpoint-dir '" + file.resolve("cp") + "' cannot hold checkpoints: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aFileSystemWithoutItsPluginFailsAtStartUpNamingTheClusterSetting() {
        Configuration cluster = new Configuration();
        cluster.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, "nosuchfs://bucket/checkpoints");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(cluster);

        assertThatThrownBy(() -> options().configure(env)).isInstanceOf(JobStartupException.class)
                .hasMessageStartingWith("execution.checkpointing.dir 'nosuchfs://bucket/checkpoints' cannot hold checkpoints: ")
                .hasMessageContaining("nosuchfs");
    }

    @Test
    void jobManagerStorageIsRefusedNamingTheSetting() {
        Configuration cluster = new Configuration();
        cluster.set(CheckpointingOptions.CHECKPOINT_STORAGE, "jobmanager");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(cluster);

        assertThatThrownBy(() -> options().configure(env)).isInstanceOf(JobStartupException.class)
                .hasMessageStartingWith("execution.checkpointing.storage: jobmanager")
                .hasMessageContaining("--checkpoint-dir");
    }

    private static ClusterOptions options(String... args) {
        ClusterOptions options = new ClusterOptions();
        new CommandLine(new Holder(options)).parseArgs(args);
        return options;
    }

    @CommandLine.Command(name = "holder")
    static final class Holder {
        @CommandLine.Mixin
        final ClusterOptions options;

        Holder(ClusterOptions options) {
            this.options = options;
        }
    }
}
