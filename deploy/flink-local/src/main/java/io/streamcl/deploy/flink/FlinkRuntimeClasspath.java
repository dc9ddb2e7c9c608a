package io.streamcl.deploy.flink;

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

/** The Flink runtime's classpath (a distribution's lib/), as resolved by Maven when this module was built. */
final class FlinkRuntimeClasspath {

    /** Written by maven-dependency-plugin build-classpath (see this module's pom). */
    static final String RESOURCE = "io/streamcl/deploy/flink/flink-runtime.classpath";

    static final String BUILD_HINT =
            "run `mvn -B -q -pl deploy/flink-local -am install -DskipTests` from the repository root";

    private static final Pattern SEPARATORS = Pattern.compile("[" + Pattern.quote(File.pathSeparator) + "\\r\\n]+");

    private FlinkRuntimeClasspath() {
    }

    /** Reads and checks the classpath resource from the classpath of this JVM. */
    static List<Path> load() {
        URL url = FlinkRuntimeClasspath.class.getClassLoader().getResource(RESOURCE);
        if (url == null) {
            throw new IllegalStateException("The Flink runtime classpath resource " + RESOURCE
                    + " is not on the classpath (it comes from the streamcl-flink-local jar); " + BUILD_HINT);
        }
        try (InputStream in = url.openStream()) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), url.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Flink runtime classpath from " + url, e);
        }
    }

    /**
     * Splits the text written by build-classpath and checks that every jar exists and the runtime is among them.
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
                throw new IllegalStateException("The Flink runtime classpath entry " + path + " listed in " + origin
                        + " does not exist (was the local Maven repository moved or cleaned?); " + BUILD_HINT);
            }
            entries.add(path);
        }
        for (String required : List.of("flink-runtime-", "flink-runtime-web-", "flink-clients-")) {
            if (entries.stream().noneMatch(p -> p.getFileName().toString().startsWith(required))) {
                throw new IllegalStateException("The Flink runtime classpath in " + origin + " lists no " + required
                        + "*.jar (" + entries.size() + " entries); " + BUILD_HINT);
            }
        }
        return List.copyOf(entries);
    }
}
