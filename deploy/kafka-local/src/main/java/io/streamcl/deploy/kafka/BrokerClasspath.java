package io.streamcl.deploy.kafka;

import io.streamcl.deploy.process.ClasspathResource;
import io.streamcl.deploy.process.ClasspathResource.RequiredJar;

/** The broker's runtime classpath, as resolved by Maven in module {@code deploy/kafka-broker}. */
final class BrokerClasspath {

    /** Written by maven-dependency-plugin build-classpath in deploy/kafka-broker. */
    static final ClasspathResource RESOURCE = new ClasspathResource("io/streamcl/deploy/kafka/broker.classpath",
            "Kafka broker classpath", "the streamcl-kafka-broker jar",
            "run `mvn -pl deploy/kafka-local -am install -DskipTests` from the repository root",
            new RequiredJar("kafka_2.", "kafka_2.x broker jar"));

    private BrokerClasspath() {
    }
}
