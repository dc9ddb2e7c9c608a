package io.streamcl.loadgen.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** The scenarios the CLI can generate, by their command-line names. */
enum ScenarioKind {
    GAUSSIAN("gaussian", "Gaussian class clusters, means move each task (floats)"),
    BIT_FLIPPING("bit-flipping", "Dohare's slowly-changing regression (20 bits, LTU net)"),
    CLASS_INCREMENTAL("class-incremental", "Fashion-MNIST, K classes a task, global labels"),
    TASK_INCREMENTAL("task-incremental", "as class-incremental, labels 0..K-1 within a task"),
    DOMAIN_INCREMENTAL("domain-incremental", "Fashion-MNIST, all classes, one look (domain) a task"),
    PERMUTED("permuted", "Fashion-MNIST, a new pixel permutation a task"),
    ROTATED("rotated", "Fashion-MNIST, one rotation angle a task"),
    LABEL_PERMUTED("label-permuted", "Fashion-MNIST, a new label permutation a task");

    final String cliName;
    final String summary;

    ScenarioKind(String cliName, String summary) {
        this.cliName = cliName;
        this.summary = summary;
    }

    boolean usesFashionMnist() {
        return this != GAUSSIAN && this != BIT_FLIPPING;
    }

    static ScenarioKind parse(String name) {
        String wanted = name.trim().toLowerCase(java.util.Locale.ROOT);
        if (wanted.equals("split")) {
            return CLASS_INCREMENTAL;
        }
        return Arrays.stream(values()).filter(k -> k.cliName.equals(wanted)).findFirst()
                .orElseThrow(() -> new CommandLine.TypeConversionException("'" + name + "' is not a scenario; choose one of "
                        + names()));
    }

    static String names() {
        return Arrays.stream(values()).map(k -> k.cliName).collect(Collectors.joining(", "));
    }

    /** Lists the names in the help text. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(k -> k.cliName).toList().iterator();
        }
    }

    /** Converts the {@code --scenario} value. */
    static final class Converter implements CommandLine.ITypeConverter<ScenarioKind> {
        @Override
        public ScenarioKind convert(String value) {
            return parse(value);
        }
    }

    /** One line per scenario for the help footer. */
    static List<String> catalogue() {
        return Arrays.stream(values()).map(k -> String.format("  %-19s %s", k.cliName, k.summary)).toList();
    }
}
