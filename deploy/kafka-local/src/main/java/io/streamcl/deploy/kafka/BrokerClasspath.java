package io.streamcl.deploy.kafka;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The broker's runtime classpath, as resolved by Maven in module {@code deploy/kafka-broker}. */
final class BrokerClasspath {

    /** Written by maven-dependency-plugin build-classpath in deploy/kafka-broker. */
    static final String RESOURCE = "io/streamcl/deploy/kafka/broker.classpath";

    static final String BUILD_HINT =
            "run `mvn -pl deploy/kafka-local -am install -DskipTests` from the repository root";

    private static final Pattern SEPARATORS = Pattern.compile("[" + Pattern.quote(File.pathSeparator) + "\\r\\n]+");

    private BrokerClasspath() {
    }

    /** Reads and checks the classpath resource from the classpath of this JVM. */
    static List<Path> load() {
        URL url = BrokerClasspath.class.getClassLoader().getResource(RESOURCE);
        if (url == null) {
            throw new IllegalStateException("The Kafka broker classpath resource " + RESOURCE
                    + " is not on the classpath (it comes from the streamcl-kafka-broker jar); " + BUILD_HINT);
        }
        try (InputStream in = url.openStream()) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), url.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Kafka broker classpath from " + url, e);
        }
    }

    /**
     * Splits the text written by build-classpath and checks that every jar exists.
     *
     * @param origin where the text came from, for error messages
     */
    static List<Path> parse(String text, String origin) {
        List<Path> entries = new ArrayList<>();
        for (String entry : SEPARATORS.split(text.strip())) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry.strip());
            if (!Files.exists(path)) {
                throw new IllegalStateException("The Kafka broker classpath entry " + path + " listed in " + origin
                        + " does not exist (was the local Maven repository moved or cleaned?); " + BUILD_HINT);
            }
            entries.add(path);
        }
        boolean hasBroker = entries.stream().anyMatch(p -> p.getFileName().toString().startsWith("kafka_2."));
        if (!hasBroker) {
            throw new IllegalStateException("The Kafka broker classpath in " + origin
                    + " lists no kafka_2.x broker jar (" + entries.size() + " entries); " + BUILD_HINT);
        }
        return List.copyOf(entries);
    }
}
