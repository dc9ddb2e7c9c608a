package io.streamcl.deploy.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The run files in a launcher's data directory: a pid file per child JVM ({@code <name>.pid}) and the address clients
 * use, through which a detached child is found and stopped again.
 *
 * <p>A recorded pid counts only while it is alive and was started for this very directory: every child carries
 * {@link #markerOption()} first on its command line.
 */
public final class RunFiles {

    private static final String PID_SUFFIX = ".pid";

    private final Path root;
    private final String markerProperty;
    private final Path addressFile;

    /**
     * @param root           the data directory
     * @param markerProperty the system property whose value on a child's command line is {@code root}, one per
     *                       launcher (e.g. {@code streamcl.kafka.dataDir}), so no launcher takes another's JVM
     *                       for its own
     * @param addressFile    the file name of the address clients use, e.g. {@code bootstrap.servers}
     */
    public RunFiles(Path root, String markerProperty, String addressFile) {
        this.root = root.toAbsolutePath().normalize();
        this.markerProperty = markerProperty;
        this.addressFile = this.root.resolve(addressFile);
    }

    /** The option to put first on each child's command line (see {@link #running}). */
    public String markerOption() {
        return "-D" + markerProperty + "=" + root;
    }

    /** The pid file of the child named {@code process}, e.g. {@code broker} or {@code taskmanager-0}. */
    public Path pidFile(String process) {
        return root.resolve(process + PID_SUFFIX);
    }

    /** The file holding the address clients use. */
    public Path addressFile() {
        return addressFile;
    }

    /** Records a child's pid. */
    public void writePid(String process, long pid) {
        write(pidFile(process), Long.toString(pid));
    }

    /** Records the address clients use. */
    public void writeAddress(String address) {
        write(addressFile, address);
    }

    /** The recorded address, if any. */
    public Optional<String> address() {
        return read(addressFile);
    }

    /** The names of the children with a pid file, sorted. */
    public List<String> recorded() {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return names;
        }
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(root, "*" + PID_SUFFIX)) {
            for (Path pid : pids) {
                String file = pid.getFileName().toString();
                names.add(file.substring(0, file.length() - PID_SUFFIX.length()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the pid files in " + root, e);
        }
        names.sort(Comparator.naturalOrder());
        return names;
    }

    /** The child recorded as {@code process}, if it is alive and really was started for this directory. */
    public Optional<ProcessHandle> running(String process) {
        return read(pidFile(process))
                .flatMap(RunFiles::parsePid)
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(this::isOurs);
    }

    /** {@code true} if children once ran here (pid files exist) and none of them is alive. */
    public boolean isOrphaned() {
        List<String> recorded = recorded();
        return !recorded.isEmpty() && recorded.stream().allMatch(p -> running(p).isEmpty());
    }

    /** Deletes every pid file and the address file. */
    public void delete() {
        try {
            for (String process : recorded()) {
                Files.deleteIfExists(pidFile(process));
            }
            Files.deleteIfExists(addressFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the pid files in " + root, e);
        }
    }

    // A stale pid file may name a recycled pid: only a JVM started for this very directory counts. The JDK gives the
    // command line only as a string cut at 4 KB (and no argument array then), hence the marker comes first on it.
    private boolean isOurs(ProcessHandle process) {
        String marker = " " + markerOption() + " ";
        return process.info().commandLine().map(line -> (line + " ").contains(marker)).orElse(false);
    }

    private static Optional<Long> parsePid(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
