package io.streamcl.tools.events;

import io.streamcl.cli.StopOnExit;
import io.streamcl.tools.StreamclTools;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code events} command: dump or tail a topic or an Avro container file as JSON lines or CSV. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = {"Prints the events of a StreamCL topic or Avro container file as JSON lines or CSV.",
            "Topics are read with read_committed and without a consumer group. Every released schema version "
                + "decodes; a record that does not is printed as an error line naming its offset (JSON: "
                + "{\"error\":...,\"position\":...} in the output; CSV: on stderr) and the exit status is 3."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every record decoded", "1:the source could not be read", "2:bad option",
            "3:some records did not decode"})
public final class EventsCommand implements Callable<Integer> {

    static final class SourceChoice {
        @Option(names = "--topic", paramLabel = "TOPIC", description = "Kafka topic to read.")
        String topic;

        @Option(names = "--file", paramLabel = "FILE", description = "Avro container file to read (e.g. from loadgen write).")
        Path file;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    SourceChoice source;

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", description = "Kafka (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--from", defaultValue = "earliest", paramLabel = "earliest|latest",
            description = "Where reading a topic starts (default: ${DEFAULT-VALUE}).")
    String from;

    @Option(names = {"-f", "--follow"}, description = "Keep reading new records until Ctrl-C (topics only).")
    boolean follow;

    @Option(names = "--format", defaultValue = "json", paramLabel = "json|csv", description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--type", paramLabel = "TYPE",
            description = "Event type: example, evaluation, alert, prediction, dead-letter (default: detected from the first record).")
    String type;

    @Option(names = "--limit", paramLabel = "N", description = "Stop after N records.")
    Long limit;

    @Option(names = "--with-position", description = "Add each record's position (topic-partition@offset or file#index).")
    boolean withPosition;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        EventPrinter.Format outputFormat = EventPrinter.Format.parse(format);
        Optional<EventType> eventType = Optional.ofNullable(type).map(EventType::parse);
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit: must be at least 1, got " + limit);
        }
        if (follow && source.file != null) {
            throw new IllegalArgumentException("--follow: only a topic can be followed, not --file " + source.file);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EventPrinter printer = new EventPrinter(out, err, outputFormat, withPosition);
        try (EventSource events = open(eventType);
                StopOnExit stopOnExit = StopOnExit.install("events-stop", Duration.ofSeconds(5), events::stop)) {
            try {
                events.readInto(printer, limit == null ? Long.MAX_VALUE : limit);
            } finally {
                out.flush();
            }
        }
        if (printer.undecodable() > 0) {
            err.println("events: " + printer.undecodable() + " of " + (printer.events() + printer.undecodable())
                    + " records did not decode");
            return StreamclTools.UNDECODABLE;
        }
        return 0;
    }

    private EventSource open(Optional<EventType> eventType) throws IOException {
        if (source.file != null) {
            return new AvroFileSource(source.file);
        }
        KafkaEventSource.Start start = switch (from.toLowerCase(Locale.ROOT)) {
            case "earliest" -> KafkaEventSource.Start.EARLIEST;
            case "latest" -> KafkaEventSource.Start.LATEST;
            default -> throw new IllegalArgumentException("--from: expected earliest or latest, got '" + from + "'");
        };
        return new KafkaEventSource(bootstrapServers, source.topic, start, follow, eventType);
    }
}
