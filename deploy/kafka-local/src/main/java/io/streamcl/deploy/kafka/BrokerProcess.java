package io.streamcl.deploy.kafka;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Starts and stops the JVMs that format the storage and run the broker, the way Kafka's own scripts do. */
final class BrokerProcess {

    private static final String CHILD_MAIN = ChildBrokerMain.class.getName();
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private final BrokerDir dir;
    private final List<Path> classpath;
    private final List<String> jvmOptions;

    BrokerProcess(BrokerDir dir, List<Path> classpath, List<String> jvmOptions) {
        this.dir = dir;
        this.classpath = classpath;
        this.jvmOptions = jvmOptions;
    }

    /** Runs {@code kafka.tools.StorageTool format} once; a formatted directory keeps its cluster id and topics. */
    void formatIfNeeded(String clusterId, Duration timeout) {
        if (dir.isFormatted()) {
            return;
        }
        // Static voters (controller.quorum.voters) means the plain form: no --standalone / --initial-controllers.
        List<String> command = java(classpath, List.of(), "kafka.tools.StorageTool",
                List.of("format", "-t", clusterId, "-c", dir.serverProperties().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.formatOutput().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process format = start(builder, "format the Kafka storage");
        try {
            if (!format.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                format.destroyForcibly();
                throw new IllegalStateException("Formatting the Kafka storage in " + dir.kafkaData()
                        + " took longer than " + timeout.toSeconds() + " s\n" + dir.logTail(30));
            }
        } catch (InterruptedException e) {
            format.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while formatting the Kafka storage", e);
        }
        if (format.exitValue() != 0) {
            throw new IllegalStateException("Formatting the Kafka storage in " + dir.kafkaData() + " failed with exit code "
                    + format.exitValue() + dir.firstException().map(e -> ": " + e).orElse(" (is a broker setting invalid?)")
                    + "\n" + dir.logTail(30));
        }
    }

    /**
     * Launches {@code kafka.Kafka} through {@link ChildBrokerMain}.
     *
     * @param detached when {@code true} the broker outlives this JVM (own session, stdin from /dev/null); otherwise
     *                 it shuts itself down when this JVM dies, because its stdin is a pipe from us
     */
    Process launch(boolean detached) {
        copyChildMain();
        List<Path> childClasspath = new ArrayList<>(classpath);
        childClasspath.add(dir.childClasses());
        List<String> command = new ArrayList<>();
        if (detached) {
            // A new session keeps terminal hang-ups and Ctrl-C in the launching shell away from the broker.
            SETSID.stream().filter(Files::isExecutable).findFirst().ifPresent(s -> command.add(s.toString()));
        }
        List<String> watchdog = detached ? List.of() : List.of("-D" + ChildBrokerMain.EXIT_WITH_PARENT + "=true");
        command.addAll(java(childClasspath, watchdog, CHILD_MAIN, List.of(dir.serverProperties().toString())));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.brokerOutput().toFile());
        if (detached) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        return start(builder, "start the Kafka broker");
    }

    /** Sends SIGTERM, waits for a clean shutdown, then kills. Returns {@code true} when the shutdown was clean. */
    static boolean stop(ProcessHandle process, Duration timeout) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        if (awaitExit(process, timeout)) {
            return true;
        }
        process.destroyForcibly();
        awaitExit(process, Duration.ofSeconds(10));
        return false;
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private List<String> java(List<Path> cp, List<String> extraOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // First, so it stays within the 4 KB of command line that ProcessHandle.Info shows (see BrokerDir).
        command.add("-D" + BrokerDir.DATA_DIR_PROPERTY + "=" + dir.root());
        command.addAll(jvmOptions);
        command.addAll(extraOptions);
        command.add("-Dkafka.logs.dir=" + dir.logs());
        command.add("-Dlog4j2.configurationFile=" + dir.log4jProperties());
        command.add("-cp");
        command.add(cp.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    private void copyChildMain() {
        String resource = ChildBrokerMain.class.getSimpleName() + ".class";
        Path target = dir.childClasses().resolve(ChildBrokerMain.class.getName().replace('.', '/') + ".class");
        try (InputStream in = ChildBrokerMain.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Cannot find " + resource + " on the classpath; "
                        + BrokerClasspath.BUILD_HINT);
            }
            Files.createDirectories(target.getParent());
            Files.write(target, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the broker launcher class to " + target, e);
        }
    }

    private static Process start(ProcessBuilder builder, String what) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot " + what + ": " + builder.command().get(0) + " failed to run", e);
        }
    }
}
