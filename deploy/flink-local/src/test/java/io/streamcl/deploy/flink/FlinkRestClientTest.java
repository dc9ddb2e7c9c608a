package io.streamcl.deploy.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamcl.deploy.process.Ports;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlinkRestClientTest {

    @Test
    void rootCauseKeepsTheFirstLineAndTheInnermostCause() {
        String trace = """
                org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute application.
                \tat org.apache.flink.runtime.webmonitor.handlers.JarRunHandler.handleRequest(JarRunHandler.java:114)
                Caused by: org.apache.flink.util.FlinkRuntimeException: Could not execute application.
                \t... 4 more
                Caused by: picocli.CommandLine$UnmatchedArgumentException: Unknown option: '--nope'
                \tat picocli.CommandLine$Interpreter.validateConstraints(CommandLine.java:13500)
                """;

        assertThat(FlinkRestClient.rootCause(trace)).isEqualTo("org.apache.flink.runtime.rest.handler."
                + "RestHandlerException: Could not execute application. <- caused by "
                + "picocli.CommandLine$UnmatchedArgumentException: Unknown option: '--nope'");
        assertThat(FlinkRestClient.rootCause("java.lang.IllegalStateException: boom\n\tat x.Y.z(Y.java:1)"))
                .isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(FlinkRestClient.rootCause("  ")).isEqualTo("(no details)");
    }

    @Test
    void aClusterThatIsNotThereIsNamedWithWhatToDo() {
        FlinkRestClient client = new FlinkRestClient(URI.create("http://127.0.0.1:" + Ports.free()));

        assertThat(client.probe(Duration.ofSeconds(1))).isEmpty();
        assertThatThrownBy(client::overview).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No Flink cluster answers at http://127.0.0.1:")
                .hasMessageContaining("deploy/bin/flink-local start");
    }
}
