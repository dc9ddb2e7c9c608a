package io.streamcl.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code CREATE TABLE} statements of {@code docs/sql.md}, as users copy them. */
final class DocsDdl {
    private static final Pattern BLOCK = Pattern.compile("```sql\\n(CREATE TABLE (\\w+).*?)\\n```", Pattern.DOTALL);
    private static final Pattern EVENT = Pattern.compile("'(?:value\\.)?streamcl-avro\\.event' = '(\\w+)'");

    /** One table: its name, its event type and its statement. */
    record Table(String name, String event, String ddl) {
        /** The statement for another broker, bounded at the latest offsets (for batch queries). */
        String boundedOn(String bootstrapServers) {
            return ddl.replace("'localhost:9092'", "'" + bootstrapServers + "'").replace("\n) WITH (\n",
                    "\n) WITH (\n  'scan.bounded.mode' = 'latest-offset',\n").replaceAll(";\\s*$", "");
        }
    }

    private DocsDdl() {}

    static List<Table> tables() {
        String text;
        try {
            text = Files.readString(Path.of("..", "docs", "sql.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Table> tables = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            Matcher event = EVENT.matcher(m.group(1));
            if (!event.find()) {
                throw new IllegalStateException("no streamcl-avro.event in the DDL of " + m.group(2));
            }
            tables.add(new Table(m.group(2), event.group(1), m.group(1).replaceAll(";\\s*$", "")));
        }
        return tables;
    }

    static Table table(String name) {
        return tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
