package io.streamcl.deploy.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What error messages quote from a child's log and output files: their last lines and the first exception. */
public final class LogFiles {

    /** A stack trace's first line: a class name ending in Exception or Error, optionally with its message. */
    private static final Pattern EXCEPTION_LINE =
            Pattern.compile("^(?:Exception in thread \"[^\"]*\" )?((?:[\\w$]+\\.)+[\\w$]*(?:Exception|Error)\\b.*)$");

    private LogFiles() {
    }

    /**
     * The last {@code lines} lines of each file that has any, each under a header naming the file.
     *
     * @param whenEmpty what to say when no file has a line, e.g. {@code (no broker output in /data/logs)}
     */
    public static String tail(List<Path> files, int lines, String whenEmpty) {
        StringBuilder tail = new StringBuilder();
        for (Path file : files) {
            List<String> last = lastLines(file, lines);
            if (!last.isEmpty()) {
                tail.append("---- last ").append(last.size()).append(" lines of ").append(file).append(" ----\n");
                last.forEach(line -> tail.append(line).append('\n'));
            }
        }
        return tail.length() == 0 ? whenEmpty + "\n" : tail.toString();
    }

    /** The first exception named in the files, in their order, e.g. {@code java.lang.ClassNotFoundException: x.Y}. */
    public static Optional<String> firstException(List<Path> files) {
        for (Path file : files) {
            Optional<String> found = lastLines(file, Integer.MAX_VALUE).stream()
                    .map(EXCEPTION_LINE::matcher)
                    .filter(Matcher::find)
                    .map(m -> m.group(1).strip())
                    .findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static List<String> lastLines(Path file, int count) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            // malformed bytes must not hide the tail of a crash log
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            if (text.isBlank()) {
                return List.of();
            }
            List<String> all = List.of(text.split("\n"));
            return all.subList(Math.max(0, all.size() - count), all.size());
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }
}
