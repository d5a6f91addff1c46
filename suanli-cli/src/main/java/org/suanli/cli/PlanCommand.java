package org.suanli.cli;

import picocli.CommandLine.Command;

/** {@code suanli plan train|serve}: search layouts, cluster sizes and server types for a job. */
@Command(name = "plan", mixinStandardHelpOptions = true, description = "Find the best layouts and cluster sizes for a job.",
        subcommands = {PlanTrainCommand.class, PlanServeCommand.class})
final class PlanCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
