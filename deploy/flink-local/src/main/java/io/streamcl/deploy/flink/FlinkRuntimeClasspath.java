package io.streamcl.deploy.flink;

import io.streamcl.deploy.process.ClasspathResource;
import io.streamcl.deploy.process.ClasspathResource.RequiredJar;

/** The Flink runtime's classpath (a distribution's lib/), as resolved by Maven when this module was built. */
final class FlinkRuntimeClasspath {

    /** Written by maven-dependency-plugin build-classpath (see this module's pom). */
    static final ClasspathResource RESOURCE = new ClasspathResource("io/streamcl/deploy/flink/flink-runtime.classpath",
            "Flink runtime classpath", "the streamcl-flink-local jar",
            "run `mvn -B -q -pl deploy/flink-local -am install -DskipTests` from the repository root",
            new RequiredJar("flink-runtime-", "flink-runtime-*.jar"),
            new RequiredJar("flink-runtime-web-", "flink-runtime-web-*.jar"),
            new RequiredJar("flink-clients-", "flink-clients-*.jar"));

    private FlinkRuntimeClasspath() {
    }
}
