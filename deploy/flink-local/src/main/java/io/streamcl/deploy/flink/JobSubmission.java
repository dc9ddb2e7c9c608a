package io.streamcl.deploy.flink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A job to submit: a jar with its dependencies (for StreamCL, {@code jobs/target/streamcl-jobs-<version>-job.jar}),
 * the class whose {@code main} builds the job, and its arguments.
 *
 * @param jar         the job jar
 * @param entryClass  the class with the {@code main} method; empty for the jar manifest's {@code Main-Class}
 * @param args        the program arguments
 * @param parallelism the default parallelism of the job; empty for the cluster's {@code parallelism.default}
 */
public record JobSubmission(Path jar, Optional<String> entryClass, List<String> args, Optional<Integer> parallelism) {

    /** How to build StreamCL's job jar, for messages about a missing jar. */
    static final String JOB_JAR_HINT = "build StreamCL's job jar with `mvn -B -q -pl jobs -am package -DskipTests` "
            + "(it is jobs/target/streamcl-jobs-<version>-job.jar)";

    /** Checks the jar and copies the arguments. */
    public JobSubmission {
        Objects.requireNonNull(jar, "jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("Job jar " + jar.toAbsolutePath() + " does not exist or is not a file; "
                    + JOB_JAR_HINT);
        }
        if (!Files.isReadable(jar)) {
            throw new IllegalArgumentException("Job jar " + jar.toAbsolutePath() + " is not readable");
        }
        entryClass.ifPresent(name -> {
            if (name.isBlank()) {
                throw new IllegalArgumentException("The entry class must not be blank; leave it out to use the "
                        + "jar manifest's Main-Class");
            }
        });
        parallelism.ifPresent(p -> {
            if (p < 1) {
                throw new IllegalArgumentException("Parallelism must be at least 1, got " + p);
            }
        });
        args = List.copyOf(args);
    }

    /** The jar's manifest names the entry class; the cluster's default parallelism applies. */
    public static JobSubmission of(Path jar, List<String> args) {
        return new JobSubmission(jar, Optional.empty(), args, Optional.empty());
    }

    /** The same submission with an explicit entry class. */
    public JobSubmission withEntryClass(String className) {
        return new JobSubmission(jar, Optional.of(className), args, parallelism);
    }

    /** The same submission with an explicit default parallelism. */
    public JobSubmission withParallelism(int value) {
        return new JobSubmission(jar, entryClass, args, Optional.of(value));
    }
}
