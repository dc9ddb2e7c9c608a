package io.streamcl.deploy.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A client of Flink's REST API (the one behind the web UI): uploads and runs job jars and follows jobs. Works with any
 * Flink 2.x cluster whose JobManager offers web submission ({@code flink-runtime-web}, {@code web.submit.enable}).
 */
public final class FlinkRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(10);
    /** Running a jar executes its main method inside the JobManager, which builds and submits the job graph. */
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private final URI baseUri;
    private final HttpClient http;

    /** A client of the REST API at {@code baseUri}, e.g. {@code http://127.0.0.1:8081}. */
    public FlinkRestClient(URI baseUri) {
        String text = baseUri.toString();
        this.baseUri = URI.create(text.endsWith("/") ? text : text + "/");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** The address of the REST API. */
    public URI baseUri() {
        return baseUri;
    }

    /** TaskManagers, slots and job counts. */
    public ClusterOverview overview() {
        return toOverview(get("overview", REQUEST_TIMEOUT));
    }

    /** The overview, or empty when nothing answers within {@code timeout} (while a cluster starts up). */
    Optional<ClusterOverview> probe(Duration timeout) {
        try {
            return Optional.of(toOverview(send(HttpRequest.newBuilder(resolve("overview")).timeout(timeout).GET()
                    .build())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Uploads the jar, runs its main method on the JobManager (which submits the job) and removes the uploaded jar
     * again (the job keeps its own copy).
     *
     * @return the id of the submitted job
     */
    public String submit(JobSubmission submission) {
        String jarId = upload(submission.jar());
        try {
            ObjectNode body = JSON.createObjectNode();
            submission.entryClass().ifPresent(c -> body.put("entryClass", c));
            submission.parallelism().ifPresent(p -> body.put("parallelism", p));
            ArrayNode args = body.putArray("programArgsList");
            submission.args().forEach(args::add);
            HttpRequest run = HttpRequest.newBuilder(resolve("jars/" + jarId + "/run"))
                    .timeout(RUN_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString(body.toString()))
                    .build();
            JsonNode answer = send(run, "run " + submission.jar().getFileName());
            String jobId = answer.path("jobid").asText("");
            if (jobId.isEmpty()) {
                throw new IllegalStateException("Flink ran " + submission.jar().getFileName()
                        + " but reported no job id (did its main method submit a job?): " + answer);
            }
            return jobId;
        } finally {
            deleteJar(jarId);
        }
    }

    /** The state of a job, with the root cause of its last failure if it failed. */
    public JobStatus status(String jobId) {
        JsonNode job = get("jobs/" + jobId, REQUEST_TIMEOUT);
        String state = job.path("state").asText();
        Optional<String> failure = "FAILED".equals(state) ? failureCause(jobId) : Optional.empty();
        return new JobStatus(job.path("jid").asText(jobId), job.path("name").asText(), state,
                Duration.ofMillis(Math.max(0, job.path("duration").asLong())), failure);
    }

    /**
     * The resource ids of the TaskManagers running a task of the job now ({@code taskmanager-id} in the REST API);
     * empty while the job is not running, e.g. between a failure and its restart.
     */
    public Set<String> taskManagersRunning(String jobId) {
        Set<String> running = new TreeSet<>();
        for (JsonNode vertex : get("jobs/" + jobId, REQUEST_TIMEOUT).path("vertices")) {
            JsonNode taskManagers = get("jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/taskmanagers",
                    REQUEST_TIMEOUT).path("taskmanagers");
            for (JsonNode tm : taskManagers) {
                if ("RUNNING".equals(tm.path("status").asText())) {
                    running.add(tm.path("taskmanager-id").asText());
                }
            }
        }
        return running;
    }

    /** Every job the cluster knows, newest first. */
    public List<JobStatus> jobs() {
        List<JobStatus> jobs = new ArrayList<>();
        for (JsonNode job : get("jobs/overview", REQUEST_TIMEOUT).path("jobs")) {
            jobs.add(new JobStatus(job.path("jid").asText(), job.path("name").asText(), job.path("state").asText(),
                    Duration.ofMillis(Math.max(0, job.path("duration").asLong())), Optional.empty()));
        }
        return jobs;
    }

    /**
     * Polls until the job has finished, failed or been canceled.
     *
     * @throws IllegalStateException if it is still running after {@code timeout} (it is left running)
     */
    public JobStatus awaitTermination(String jobId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JobStatus status = status(jobId);
            if (status.isTerminal()) {
                return status;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Job " + jobId + " is still " + status.state() + " after "
                        + timeout.toSeconds() + " s; it keeps running (cancel it in the web UI at " + baseUri
                        + " or stop the cluster)");
            }
            sleep(POLL_INTERVAL);
        }
    }

    @Override
    public String toString() {
        return "FlinkRestClient[" + baseUri + "]";
    }

    private String upload(Path jar) {
        String boundary = "streamcl-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"jarfile\"; filename=\"" + jar.getFileName() + "\"\r\n"
                + "Content-Type: application/x-java-archive\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(resolve("jars/upload"))
                    .timeout(UPLOAD_TIMEOUT)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(BodyPublishers.concat(BodyPublishers.ofString(head, StandardCharsets.UTF_8),
                            BodyPublishers.ofFile(jar), BodyPublishers.ofString(tail, StandardCharsets.UTF_8)))
                    .build();
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalArgumentException("Job jar " + jar.toAbsolutePath() + " does not exist; "
                    + JobSubmission.JOB_JAR_HINT, e);
        }
        String stored = send(request, "upload " + jar.getFileName()).path("filename").asText("");
        if (stored.isEmpty()) {
            throw new IllegalStateException("Flink accepted the upload of " + jar + " but named no stored file");
        }
        return Path.of(stored).getFileName().toString();
    }

    private void deleteJar(String jarId) {
        try {
            send(HttpRequest.newBuilder(resolve("jars/" + jarId)).timeout(REQUEST_TIMEOUT).DELETE().build(),
                    "delete uploaded jar " + jarId);
        } catch (RuntimeException e) {
            // best effort: an uploaded jar left behind only takes disk space in web.upload.dir
        }
    }

    private Optional<String> failureCause(String jobId) {
        JsonNode entries = get("jobs/" + jobId + "/exceptions", REQUEST_TIMEOUT).path("exceptionHistory")
                .path("entries");
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(rootCause(entries.get(0).path("stacktrace").asText(
                entries.get(0).path("exceptionName").asText())));
    }

    private JsonNode get(String path, Duration timeout) {
        return send(HttpRequest.newBuilder(resolve(path)).timeout(timeout).GET().build(), "GET /" + path);
    }

    private JsonNode send(HttpRequest request, String what) {
        try {
            return send(request);
        } catch (FlinkError e) {
            throw new IllegalStateException("Flink could not " + what + " (HTTP " + e.status + "): " + e.getMessage(),
                    e);
        }
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IllegalStateException("No Flink cluster answers at " + baseUri + " (connection refused); start "
                    + "one with `deploy/bin/flink-local start`, or check the address", e);
        } catch (HttpTimeoutException e) {
            throw new IllegalStateException("The Flink cluster at " + baseUri + " did not answer "
                    + request.method() + " " + request.uri().getPath() + " within "
                    + request.timeout().map(Duration::toSeconds).orElse(0L) + " s", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot talk to the Flink cluster at " + baseUri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while talking to the Flink cluster at " + baseUri, e);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() >= 300) {
            List<String> errors = new ArrayList<>();
            body.path("errors").forEach(e -> errors.add(rootCause(e.asText())));
            throw new FlinkError(response.statusCode(), errors.isEmpty() ? response.body() : String.join("; ", errors));
        }
        return body;
    }

    private static ClusterOverview toOverview(JsonNode o) {
        return new ClusterOverview(o.path("taskmanagers").asInt(), o.path("slots-total").asInt(),
                o.path("slots-available").asInt(), o.path("jobs-running").asInt(), o.path("jobs-finished").asInt(),
                o.path("jobs-cancelled").asInt(), o.path("jobs-failed").asInt(), o.path("flink-version").asText());
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode().put("raw", body);
        }
    }

    /**
     * The most telling line of a Java stack trace as Flink's REST API returns it: the first line, and the innermost
     * {@code Caused by:} when there is one (usually what went wrong in user code).
     */
    static String rootCause(String stackTrace) {
        List<String> lines = stackTrace.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            return "(no details)";
        }
        String first = lines.get(0);
        String cause = null;
        for (String line : lines) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length());
            }
        }
        return cause == null || first.contains(cause) ? first : first + " <- caused by " + cause;
    }

    private URI resolve(String path) {
        return baseUri.resolve(path);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a Flink job", e);
        }
    }

    /** An error answer of the REST API. */
    private static final class FlinkError extends RuntimeException {
        private final int status;

        FlinkError(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
