package io.streamcl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class UsageErrorsTest {

    @Command(name = "sample", mixinStandardHelpOptions = true)
    static final class Sample implements Runnable {
        @Option(names = "--checkpoint-interval", converter = DurationConverter.class)
        Duration interval;

        @Override
        public void run() {
        }
    }

    @Test
    void aMistypedOptionGivesOneMessageASuggestionTheUsageAndExitCode2() {
        StringWriter err = new StringWriter();
        int code = UsageErrors.install(new CommandLine(new Sample())).setErr(new PrintWriter(err))
                .execute("--checkpoint-intervall", "10s");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("sample: Unknown options: '--checkpoint-intervall', '10s'")
                .contains("Possible solutions: --checkpoint-interval")
                .contains("Usage: sample")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aBadValueNamesTheOptionAndTheValue() {
        StringWriter err = new StringWriter();
        int code = UsageErrors.install(new CommandLine(new Sample())).setErr(new PrintWriter(err))
                .execute("--checkpoint-interval", "soon");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--checkpoint-interval").contains("'soon' is not a duration")
                .contains("Usage: sample");
    }
}
