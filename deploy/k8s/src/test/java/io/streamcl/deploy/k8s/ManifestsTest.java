package io.streamcl.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests parsed as YAML: the operator versions they were written for agree with the pinned install
 * commands of deploy/README.md, the Flink image and Kafka version with the build's, and every reference between
 * manifests (kustomization resources, the volume claim the jobs and the storage overlays name, the learner
 * ConfigMap, namespaces, topics) resolves. No cluster is needed; `kubectl kustomize` renders what this checks.
 */
class ManifestsTest {
    private static final Path K8S = Path.of("").toAbsolutePath();
    private static final Path OVERLAYS = K8S.resolveSibling("k8s-overlays");
    private static final String WRITTEN_FOR = "streamcl.io/written-for";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theKustomizationListsEveryManifestAndNothingElse() throws IOException {
        JsonNode kustomization = only(K8S.resolve("kustomization.yaml"));
        Set<String> listed = new TreeSet<>();
        kustomization.get("resources").forEach(r -> listed.add(r.asText()));
        Set<String> manifests = new TreeSet<>();
        try (Stream<Path> files = Files.walk(K8S)) {
            files.filter(p -> p.toString().endsWith(".yaml")).map(p -> K8S.relativize(p).toString())
                    .filter(p -> !p.startsWith("monitoring/") && !p.startsWith("target/") && !p.startsWith("src/"))
                    .filter(p -> !p.equals("kustomization.yaml")).forEach(manifests::add);
        }
        assertThat(listed).as("resources of deploy/k8s/kustomization.yaml").isEqualTo(manifests);
    }

    @Test
    void strimziResourcesAreWrittenForTheStrimziTheReadmeInstalls() throws IOException {
        String version = pinned("strimzi-kafka-operator --version (\\S+)");
        List<JsonNode> strimzi = resources().stream()
                .filter(r -> r.path("apiVersion").asText().startsWith("kafka.strimzi.io/")).toList();
        assertThat(strimzi).hasSizeGreaterThanOrEqualTo(7).allSatisfy(r -> assertThat(annotation(r))
                .as("%s %s", r.path("kind").asText(), name(r)).isEqualTo("strimzi-" + version));
    }

    @Test
    void flinkDeploymentsAreWrittenForTheOperatorTheReadmeInstallsAndTheBuildsFlink() throws IOException {
        String operator = pinned("flink-kubernetes-operator-(\\d[^/\\s]*)/");
        String flink = property("flink.version");
        List<JsonNode> deployments = ofKind("FlinkDeployment");
        assertThat(deployments).extracting(ManifestsTest::name)
                .containsExactlyInAnyOrder("streamcl-training", "streamcl-alerts");
        String minor = flink.substring(0, flink.lastIndexOf('.'));
        assertThat(deployments).allSatisfy(d -> {
            assertThat(annotation(d)).isEqualTo("flink-kubernetes-operator-" + operator);
            assertThat(d.at("/spec/flinkVersion").asText()).isEqualTo("v" + minor.replace('.', '_'));
        });
        assertThat(Files.readString(K8S.resolve("flink/Dockerfile"))).contains("FROM flink:" + flink + "-java17");
        assertThat(readme()).contains("`flink:" + flink + "-java17`").contains("flink-s3-fs-presto-" + flink + ".jar");
    }

    @Test
    void theKafkaClusterRunsTheKafkaOfTheBuildsClients() throws IOException {
        String clients = property("kafka.version");
        String minor = clients.substring(0, clients.lastIndexOf('.'));
        JsonNode kafka = ofKind("Kafka").get(0).at("/spec/kafka");
        assertThat(kafka.path("version").asText()).startsWith(minor + ".");
        assertThat(kafka.path("metadataVersion").asText()).startsWith(minor + "-IV");
    }

    @Test
    void theJobsTheStorageAndTheOverlaysNameTheSameVolumeClaimAndConfigMap() throws IOException {
        String claim = name(ofKind("PersistentVolumeClaim").get(0));
        String learnerConfig = name(ofKind("ConfigMap").get(0));
        for (JsonNode deployment : ofKind("FlinkDeployment")) {
            assertThat(deployment.findValues("claimName")).extracting(JsonNode::asText).as(name(deployment))
                    .containsOnly(claim);
            assertThat(deployment.findValues("configMap")).extracting(c -> c.path("name").asText())
                    .isSubsetOf(learnerConfig);
        }
        List<Path> overlays;
        try (Stream<Path> dirs = Files.list(OVERLAYS)) {
            overlays = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(overlays).extracting(p -> p.getFileName().toString())
                .containsExactly("azurefile-csi", "efs-sc", "nfs-client");
        for (Path overlay : overlays) {
            JsonNode kustomization = only(overlay.resolve("kustomization.yaml"));
            assertThat(overlay.resolve(kustomization.at("/resources/0").asText()).normalize()).isEqualTo(K8S);
            JsonNode patch = kustomization.at("/patches/0");
            assertThat(patch.at("/target/kind").asText()).isEqualTo("PersistentVolumeClaim");
            assertThat(patch.at("/target/name").asText()).isEqualTo(claim);
            JsonNode op = YAML.readTree(patch.path("patch").asText()).get(0);
            assertThat(op.path("path").asText()).isEqualTo("/spec/storageClassName");
            assertThat(op.path("value").asText()).as("storage class of %s", overlay.getFileName())
                    .isEqualTo(overlay.getFileName().toString());
        }
    }

    @Test
    void everythingLivesInTheNamespaceAndTheTopicsAreTheReadmes() throws IOException {
        String namespace = name(ofKind("Namespace").get(0));
        assertThat(resources()).filteredOn(r -> !r.path("kind").asText().equals("Namespace"))
                .allSatisfy(r -> assertThat(r.at("/metadata/namespace").asText()).as(name(r)).isEqualTo(namespace));
        Set<String> readmeTopics = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| `([a-z-]+)` \\| `[A-Z]\\w+` \\|")
                .matcher(Files.readString(K8S.resolve("../../README.md")));
        while (m.find()) {
            readmeTopics.add(m.group(1));
        }
        assertThat(ofKind("KafkaTopic")).extracting(ManifestsTest::name).containsExactlyInAnyOrderElementsOf(readmeTopics)
                .hasSize(5);
    }

    private static List<JsonNode> resources() throws IOException {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode entry : only(K8S.resolve("kustomization.yaml")).get("resources")) {
            try (var parser = YAML.getFactory().createParser(K8S.resolve(entry.asText()).toFile())) {
                YAML.readValues(parser, JsonNode.class).forEachRemaining(all::add);
            }
        }
        return all;
    }

    private static List<JsonNode> ofKind(String kind) throws IOException {
        return resources().stream().filter(r -> r.path("kind").asText().equals(kind)).toList();
    }

    private static JsonNode only(Path file) throws IOException {
        return YAML.readTree(file.toFile());
    }

    private static String name(JsonNode resource) {
        return resource.at("/metadata/name").asText();
    }

    private static String annotation(JsonNode resource) {
        return resource.at("/metadata/annotations").path(WRITTEN_FOR).asText();
    }

    private static String readme() throws IOException {
        return Files.readString(K8S.resolveSibling("README.md"));
    }

    /** The version an install command of deploy/README.md pins: group 1 of {@code pattern}, the same everywhere. */
    private static String pinned(String pattern) throws IOException {
        Matcher m = Pattern.compile(pattern).matcher(readme());
        Set<String> versions = new TreeSet<>();
        while (m.find()) {
            versions.add(m.group(1));
        }
        assertThat(versions).as("versions pinned by /%s/ in deploy/README.md", pattern).hasSize(1);
        return versions.iterator().next();
    }

    private static String property(String name) throws IOException {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(
                Files.readString(K8S.resolve("../../pom.xml")));
        assertThat(m.find()).as("property %s of the root pom", name).isTrue();
        return m.group(1);
    }
}
