package org.suanli.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

/**
 * The {@code suanli} command. Subcommands are thin: each reads its inputs through the catalog,
 * calls the core library and prints a report. Errors are one line on stderr with exit code 2
 * (usage) or 3 (bad input); a stack trace only with {@code --debug}.
 */
@Command(name = "suanli", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Simulate and plan AI servers and the clusters built from them (算力).",
        subcommands = {CatalogCommand.class, ClassifyCommand.class, TrainCommand.class, InferCommand.class, PlanCommand.class, CostCommand.class, MarketCommand.class, ValidateCommand.class, CalibrateCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams; returns the exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler(new Errors());
        return cl.execute(args);
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        String where = cl.getCommandSpec().qualifiedName();
        String message = e.getMessage().replace(System.lineSeparator(), " ").trim();
        cl.getErr().println("error: " + where + ": " + message + "; see '" + where + " --help'");
        cl.getErr().flush();
        return Errors.USAGE;
    }
}
