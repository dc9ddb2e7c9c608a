package io.streamcl.loadgen.cli;

import io.streamcl.loadgen.Scenario;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code loadgen produce}: generate a scenario and send it to Kafka. */
@Command(name = "produce", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Generate a scenario and produce it to a Kafka topic at a chosen rate.")
final class ProduceCommand extends ProducingCommand implements Callable<Integer> {

    @Mixin
    ScenarioOptions scenario;

    @Override
    public Integer call() {
        Scenario chosen = scenario.scenario();
        JobDefaults.mismatch(chosen.data()).ifPresent(spec.commandLine().getErr()::println);
        return produce(scenario.examples(chosen, Clock.systemUTC()), chosen.describe() + " for keys " + scenario.keys());
    }
}
