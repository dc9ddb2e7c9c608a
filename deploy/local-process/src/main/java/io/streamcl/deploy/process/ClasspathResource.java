package io.streamcl.deploy.process;

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

/**
 * A child JVM's classpath as the build wrote it into a resource (maven-dependency-plugin {@code build-classpath}),
 * read back and checked, so a moved or cleaned local Maven repository is reported before any JVM starts.
 */
public final class ClasspathResource {

    private static final Pattern SEPARATORS = Pattern.compile("[" + Pattern.quote(File.pathSeparator) + "\\r\\n]+");

    private final String resource;
    private final String name;
    private final String providedBy;
    private final String buildHint;
    private final List<RequiredJar> required;

    /**
     * A jar without which the classpath cannot be the right one.
     *
     * @param prefix the start of its file name, e.g. {@code kafka_2.}
     * @param label  how an error names it, e.g. {@code kafka_2.x broker jar}
     */
    public record RequiredJar(String prefix, String label) {
    }

    /**
     * @param resource   the resource's path, e.g. {@code io/streamcl/deploy/kafka/broker.classpath}
     * @param name       how errors name the classpath, e.g. {@code Kafka broker classpath}
     * @param providedBy the jar that holds the resource, e.g. {@code the streamcl-kafka-broker jar}
     * @param buildHint  what to run to write it again
     * @param required   jars that must be among the entries
     */
    public ClasspathResource(String resource, String name, String providedBy, String buildHint,
            RequiredJar... required) {
        this.resource = resource;
        this.name = name;
        this.providedBy = providedBy;
        this.buildHint = buildHint;
        this.required = List.of(required);
    }

    /** What to run to write the resource again, for errors of the launcher itself. */
    public String buildHint() {
        return buildHint;
    }

    /** Reads and checks the resource from the classpath of this JVM. */
    public List<Path> load() {
        URL url = ClasspathResource.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("The " + name + " resource " + resource + " is not on the classpath (it "
                    + "comes from " + providedBy + "); " + buildHint);
        }
        try (InputStream in = url.openStream()) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), url.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the " + name + " from " + url, e);
        }
    }

    /**
     * Splits the text written by build-classpath and checks that every jar exists and the required ones are there.
     *
     * @param origin where the text came from, for error messages
     */
    public List<Path> parse(String text, String origin) {
        List<Path> entries = new ArrayList<>();
        for (String entry : SEPARATORS.split(text.strip())) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry.strip());
            if (!Files.exists(path)) {
                throw new IllegalStateException("The " + name + " entry " + path + " listed in " + origin
                        + " does not exist (was the local Maven repository moved or cleaned?); " + buildHint);
            }
            entries.add(path);
        }
        for (RequiredJar jar : required) {
            if (entries.stream().noneMatch(p -> p.getFileName().toString().startsWith(jar.prefix()))) {
                throw new IllegalStateException("The " + name + " in " + origin + " lists no " + jar.label() + " ("
                        + entries.size() + " entries); " + buildHint);
            }
        }
        return List.copyOf(entries);
    }
}
