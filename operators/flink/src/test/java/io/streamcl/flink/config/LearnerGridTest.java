package io.streamcl.flink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests {@link LearnerGrid}: the grid file's sections, the order settings override, and errors naming each part. */
class LearnerGridTest {
    private static final String FILE = "--grid g.ini";

    private static LearnerGrid parse(Map<String, String> job, String... lines) {
        return LearnerGrid.parse(List.of(lines), FILE, job);
    }

    @Test
    void sectionsOverrideSharedLinesWhichOverrideTheJobSettingsInFileOrder() {
        LearnerGrid grid = parse(Map.of(LearnerSettings.EVAL_EVERY, "5", LearnerSettings.BATCH_SIZE, "8"),
                "# shared by every configuration",
                "eval.every = 1",
                "",
                "[sgd]",
                "optimizer=sgd(lr=0.05)",
                "[adam-replay]",
                "optimizer=adam(lr=0.001)",
                "replay=reservoir(capacity=100)",
                "eval.every=3");

        assertThat(grid.names()).containsExactly("sgd", "adam-replay");
        LearnerGrid.Named sgd = grid.named("sgd");
        assertThat(sgd.config().evaluation().every()).as("shared line over the job's -s").isEqualTo(1);
        assertThat(sgd.config().learner().batchSize()).as("job setting").isEqualTo(8);
        assertThat(sgd.config().learner().optimizer().canonical()).startsWith("sgd(lr=0.05,");
        assertThat(sgd.config().learner().replay().enabled()).isFalse();
        LearnerGrid.Named adam = grid.named("adam-replay");
        assertThat(adam.config().evaluation().every()).as("own line over the shared one").isEqualTo(3);
        assertThat(adam.config().learner().replay().capacity()).isEqualTo(100);
        assertThat(grid.named("nope")).isNull();
    }

    @Test
    void aJobWithoutAGridHasOneConfigurationNamedDefault() {
        LearnerGrid grid = LearnerGrid.single(LearnerSettings.parse(Map.of()));
        assertThat(grid.names()).containsExactly(LearnerGrid.DEFAULT_NAME);
        assertThat(grid.first()).isEqualTo(LearnerSettings.parse(Map.of()));
    }

    @Test
    void errorsNameTheFileLineConfigurationKeyAndValue() {
        assertThatThrownBy(() -> parse(Map.of(), "[a]", "optimizer=sgd(lr=0.1)", "[b]", "[a]"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("--grid g.ini line 4: configuration 'a' is already defined on line 1");
        assertThatThrownBy(() -> parse(Map.of(), "[a b]"))
                .hasMessageStartingWith("--grid g.ini line 1: configuration name 'a b' must match");
        assertThatThrownBy(() -> parse(Map.of(), "[a]", "optimiser=sgd"))
                .hasMessageStartingWith("--grid g.ini line 2: configuration 'a': unknown learner setting 'optimiser'");
        assertThatThrownBy(() -> parse(Map.of(), "keys.max-learners=3", "[a]"))
                .hasMessage("--grid g.ini line 1: shared settings: keys.max-learners is a setting of the whole job,"
                        + " not of one configuration: pass it with -s");
        assertThatThrownBy(() -> parse(Map.of(), "[a]", "eval.async=true"))
                .hasMessage("--grid g.ini line 2: configuration 'a': eval.async is a setting of the whole job,"
                        + " not of one configuration: pass it with -s");
        assertThatThrownBy(() -> parse(Map.of(), "[a]", "eval.every=2", "eval.every=3"))
                .hasMessage("--grid g.ini line 3: configuration 'a': eval.every is already set on line 2");
        assertThatThrownBy(() -> parse(Map.of(), "[a]", "[b]", "learner.batch-size=many"))
                .hasMessage("--grid g.ini configuration 'b' (line 2): learner.batch-size must be an integer, got 'many'");
        assertThatThrownBy(() -> parse(Map.of(), "[a]", "replay=reservoir(capacity=-1)"))
                .hasMessageStartingWith("--grid g.ini configuration 'a' (line 1): replay=")
                .hasMessageContaining("capacity");
        assertThatThrownBy(() -> parse(Map.of(), "[a", "x=1")).hasMessage("--grid g.ini line 1: expected [name], got '[a'");
        assertThatThrownBy(() -> parse(Map.of(), "[a]", "just words"))
                .hasMessage("--grid g.ini line 2: expected key=value or [name], got 'just words'");
        assertThatThrownBy(() -> parse(Map.of(), "# nothing", "eval.every=1"))
                .hasMessage("--grid g.ini: no configuration; open one with a [name] line");
    }

    @Test
    void configurationsShareOneInputShape() {
        assertThatThrownBy(() -> parse(Map.of(), "[a]", "[b]", "model.classes=5"))
                .hasMessage("--grid g.ini: configurations share one input stream and must agree on model.inputs and"
                        + " model.classes: 'a' has 784 and 10, 'b' has 784 and 5");
    }
}
