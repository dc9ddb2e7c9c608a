package io.streamcl.deploy.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerClasspathTest {

    @TempDir
    Path dir;

    @Test
    void namesAMissingJarAndSaysHowToFixIt() throws IOException {
        Path broker = Files.createFile(dir.resolve("kafka_2.13-4.2.2.jar"));
        Path missing = dir.resolve("gone-1.0.jar");

        assertThatThrownBy(() -> BrokerClasspath.RESOURCE.parse(broker + ":" + missing, "broker.classpath"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist")
                .hasMessageContaining("mvn -pl deploy/kafka-local -am install");
    }

    @Test
    void refusesAClasspathWithoutTheBroker() throws IOException {
        Path clients = Files.createFile(dir.resolve("kafka-clients-4.2.2.jar"));

        assertThatThrownBy(() -> BrokerClasspath.RESOURCE.parse(clients.toString(), "broker.classpath"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no kafka_2.x broker jar");
        assertThatThrownBy(() -> BrokerClasspath.RESOURCE.parse("  \n", "broker.classpath"))
                .hasMessageContaining("0 entries");
    }

    @Test
    void theBuiltClasspathHasTheBrokerAndItsSlf4j1Binding() {
        List<String> jars = BrokerClasspath.RESOURCE.load().stream().map(p -> p.getFileName().toString()).toList();

        assertThat(jars).anyMatch(name -> name.startsWith("kafka_2.13-"))
                .anyMatch(name -> name.startsWith("slf4j-api-1.7."))
                .anyMatch(name -> name.startsWith("log4j-slf4j-impl-"))
                .anyMatch(name -> name.startsWith("log4j-core-"))
                .noneMatch(name -> name.startsWith("log4j-slf4j2-impl-"));
    }
}
