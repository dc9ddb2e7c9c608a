package io.streamcl.deploy.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalKafkaBuilderTest {

    @Test
    void badOptionsAreRejectedNamingTheValue() {
        LocalKafka.Builder builder = LocalKafka.builder();

        assertThatThrownBy(() -> builder.port(70000)).hasMessageContaining("70000");
        assertThatThrownBy(() -> builder.heap("lots")).hasMessageContaining("'lots'");
        assertThatThrownBy(() -> builder.topic("examples", 0)).hasMessageContaining("'examples'")
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> builder.topics(" ")).hasMessageContaining("blank");
        assertThatThrownBy(() -> builder.property("log.dirs", "/x")).hasMessageContaining("'log.dirs'");
        assertThatThrownBy(() -> builder.jvmOption("Xmx1g")).hasMessageContaining("'Xmx1g'");
        assertThatThrownBy(() -> builder.startupTimeout(Duration.ZERO)).hasMessageContaining("startupTimeout");
    }

    @Test
    void aDetachedBrokerNeedsADataDirToBeFoundAgain() {
        assertThatThrownBy(() -> LocalKafka.builder().startDetached())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dataDir");
    }

    @Test
    void theBrokerJvmStartsFastAndDiesOnOutOfMemory() {
        assertThat(LocalKafka.builder().heap("256m").jvmOption("-XX:TieredStopAtLevel=4").jvmOptions())
                .containsSubsequence("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=4")
                .contains("-XX:+ExitOnOutOfMemoryError");
    }
}
