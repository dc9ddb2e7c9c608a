package io.streamcl.deploy.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A child JVM to start on this JVM's {@code java}, the way Kafka's and Flink's own scripts start theirs: a short tool
 * run ({@link #run}) or a long-lived child through {@link ChildMain} ({@link #launch}), and its stop.
 *
 * <p>Options, output, working directory and environment are collected first; each start builds a fresh command from
 * them.
 */
public final class ChildJvm {

    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));
    private static final File DEV_NULL = new File("/dev/null");

    private final List<Path> classpath;
    private final List<String> options = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Path output;
    private Path directory;

    /** A JVM on {@code classpath} (e.g. one read by {@link ClasspathResource}). */
    public ChildJvm(List<Path> classpath) {
        this.classpath = List.copyOf(classpath);
    }

    /** JVM options, in order after those added before; a data-directory marker goes first (see {@link RunFiles}). */
    public ChildJvm options(String... more) {
        return options(List.of(more));
    }

    /** JVM options, in order after those added before. */
    public ChildJvm options(List<String> more) {
        options.addAll(more);
        return this;
    }

    /** Where standard output and error go together; by default this JVM's pipes. */
    public ChildJvm output(Path file) {
        this.output = file;
        return this;
    }

    /** The working directory; by default this JVM's. */
    public ChildJvm directory(Path dir) {
        this.directory = dir;
        return this;
    }

    /** Environment variables on top of this JVM's; a null value removes an inherited variable. */
    public ChildJvm environment(Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    /**
     * Starts {@code mainClass} directly, with standard input from /dev/null: a short run the caller waits for.
     *
     * @param what what the run does, for the error when it cannot start, e.g. {@code format the Kafka storage}
     */
    public Process run(String mainClass, List<String> args, String what) {
        ProcessBuilder builder = builder(command(classpath, List.of(), mainClass, args));
        builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
        return start(builder, what);
    }

    /**
     * Starts {@code mainClass} through {@link ChildMain}, which is copied alone into {@code launcherClasses} first, so
     * nothing else of the launcher reaches the child's classpath.
     *
     * @param detached when {@code true} the child outlives this JVM (own session, stdin from /dev/null); otherwise it
     *                 shuts itself down when this JVM dies, because its stdin is a pipe from us
     * @param what     what the start does, for the error when it cannot start, e.g. {@code start the Kafka broker}
     */
    public Process launch(Path launcherClasses, boolean detached, String mainClass, List<String> args, String what) {
        List<Path> childClasspath = new ArrayList<>(classpath);
        childClasspath.add(installChildMain(launcherClasses));
        List<String> command = new ArrayList<>();
        if (detached) {
            // A new session keeps terminal hang-ups and Ctrl-C in the launching shell away from the child.
            SETSID.stream().filter(Files::isExecutable).findFirst().ifPresent(s -> command.add(s.toString()));
        }
        List<String> watchdog = detached ? List.of() : List.of("-D" + ChildMain.EXIT_WITH_PARENT + "=true");
        List<String> mainAndArgs = new ArrayList<>(List.of(mainClass));
        mainAndArgs.addAll(args);
        command.addAll(command(childClasspath, watchdog, ChildMain.class.getName(), mainAndArgs));
        ProcessBuilder builder = builder(command);
        if (detached) {
            builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
        }
        return start(builder, what);
    }

    /** Sends SIGTERM, waits for a clean shutdown, then kills. Returns {@code true} when the shutdown was clean. */
    public static boolean stop(ProcessHandle process, Duration timeout) {
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

    /** Stops several processes at once (shutdowns that wait on timeouts would add up one by one). */
    public static boolean stopAll(List<ProcessHandle> processes, Duration timeout) {
        processes.forEach(p -> {
            if (p.isAlive()) {
                p.destroy();
            }
        });
        boolean clean = true;
        for (ProcessHandle process : processes) {
            clean &= stop(process, timeout);
        }
        return clean;
    }

    private List<String> command(List<Path> cp, List<String> extraOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(extraOptions);
        command.add("-cp");
        command.add(cp.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    private ProcessBuilder builder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (output != null) {
            builder.redirectOutput(output.toFile());
        }
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        return builder;
    }

    private static Path installChildMain(Path launcherClasses) {
        String resource = ChildMain.class.getSimpleName() + ".class";
        Path target = launcherClasses.resolve(ChildMain.class.getName().replace('.', '/') + ".class");
        try (InputStream in = ChildMain.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Cannot find " + resource + " next to " + ChildJvm.class.getName()
                        + ": the streamcl-local-process jar is incomplete; run `mvn -pl deploy/local-process install` "
                        + "from the repository root");
            }
            Files.createDirectories(target.getParent());
            Files.write(target, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the launcher class to " + target, e);
        }
        return launcherClasses;
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
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
