package io.streamcl.tools.export;

import io.streamcl.tools.StreamclTools;
import java.util.stream.Stream;

/** Entry point of {@code bin/streamcl export}: the tools' {@code export} command. */
public final class ExportCli {
    private ExportCli() {}

    public static void main(String[] args) {
        StreamclTools.main(Stream.concat(Stream.of("export"), Stream.of(args)).toArray(String[]::new));
    }
}
