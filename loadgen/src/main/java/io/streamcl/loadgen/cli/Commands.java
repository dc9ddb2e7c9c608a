package io.streamcl.loadgen.cli;

import picocli.CommandLine;

/** Registers the loadgen subcommands and the scenario catalogue shown in their help. */
public final class Commands {

    private Commands() {
    }

    /** Adds produce, write and replay to {@code root}. */
    public static CommandLine attach(CommandLine root) {
        root.addSubcommand(new ProduceCommand());
        root.addSubcommand(new WriteCommand());
        root.addSubcommand(new ReplayCommand());
        String[] catalogue = ScenarioKind.catalogue().toArray(String[]::new);
        for (String name : new String[] {"produce", "write"}) {
            root.getSubcommands().get(name).getCommandSpec().usageMessage()
                    .footerHeading("%nScenarios:%n").footer(catalogue);
        }
        root.getCommandSpec().usageMessage().footer("", "Examples:",
                "  loadgen produce --scenario gaussian --create-topic --rate 2000",
                "  loadgen produce --scenario split --key-count 3 --total 100000",
                "  loadgen produce --scenario permuted --tasks 800 --examples-per-task 5000",
                "  loadgen write --scenario rotated --tasks 5 --output rotated.avro",
                "  loadgen replay --input rotated.avro -b 127.0.0.1:9092 --duration 5m",
                "Run 'loadgen COMMAND --help' for the options of a command.");
        return root;
    }
}
