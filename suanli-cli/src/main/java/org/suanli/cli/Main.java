package org.suanli.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.suanli.catalog.Suggest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code suanli} command. Subcommands are thin: each reads its inputs through the catalog,
 * calls the core library and prints a report. Errors are one line on stderr with exit code 2
 * (usage) or 3 (bad input); a stack trace only with {@code --debug}.
 */
@Command(name = "suanli", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Simulate and plan AI servers and the clusters built from them (算力).")
public final class Main implements Runnable {
    /** The subcommands by name, in the order --help lists them. */
    static final Map<String, Class<?>> COMMANDS = commands();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        Prefetch.start(args);
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams; returns the exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(args);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler(new Errors());
        return cl.execute(args);
    }

    /**
     * Returns the command line for {@code args}. picocli builds a command's whole model (every option of every
     * subcommand) up front, the larger part of a short call's start-up: when the first word names a command, only that
     * one is built; otherwise all are (help, usage errors, did-you-mean). Settings made afterwards reach the subcommands.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cl = new CommandLine(new Main());
        Class<?> only = args.length > 0 && !args[0].equals("help") ? COMMANDS.get(args[0]) : null;
        if (only != null) {
            cl.addSubcommand(args[0], only);
        } else {
            COMMANDS.forEach(cl::addSubcommand);
        }
        return cl;
    }

    private static Map<String, Class<?>> commands() {
        // names written out rather than read from each class's @Command: reading an annotation loads every class it
        // names (a command's subcommands), which a short call does not need (MainTest checks the names agree)
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("catalog", CatalogCommand.class);
        m.put("classify", ClassifyCommand.class);
        m.put("train", TrainCommand.class);
        m.put("infer", InferCommand.class);
        m.put("plan", PlanCommand.class);
        m.put("cost", CostCommand.class);
        m.put("market", MarketCommand.class);
        m.put("sweep", SweepCommand.class);
        m.put("validate", ValidateCommand.class);
        m.put("calibrate", CalibrateCommand.class);
        m.put("demo", DemoCommand.class);
        m.put("serve", ServeCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return Collections.unmodifiableMap(m);
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        String where = cl.getCommandSpec().qualifiedName();
        String message = unknownWord(e, cl, args);
        if (message == null) {
            message = e.getMessage().replace(System.lineSeparator(), " ").trim();
        }
        cl.getErr().println("error: " + where + ": " + message + "; see '" + where + " --help'");
        cl.getErr().flush();
        return Errors.USAGE;
    }

    /**
     * Names the first word the command does not know, with the nearest option or subcommand ("did you mean"), or null.
     * A misspelt option is reported even when picocli first complains about a missing required one, as the typo is the cause.
     */
    static String unknownWord(ParameterException e, CommandLine cl, String[] args) {
        List<String> candidates = new ArrayList<>();
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            candidates.add(u.getUnmatched().get(0));
        } else if (e instanceof CommandLine.MissingParameterException) {
            for (String a : args) {
                candidates.add(a);
            }
        } else {
            return null;
        }
        Set<String> options = new TreeSet<>();
        cl.getCommandSpec().options().forEach(o -> options.addAll(List.of(o.names())));
        Set<String> subcommands = new TreeSet<>(cl.getSubcommands().keySet());
        for (String word : candidates) {
            String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            if (name.startsWith("--") && !options.contains(name)) {
                return "unknown option '" + name + "'" + didYouMean(name, options);
            }
            if (e instanceof UnmatchedArgumentException && !name.startsWith("-") && !subcommands.isEmpty()) {
                return "unknown command '" + name + "'" + didYouMean(name, subcommands);
            }
        }
        return null;
    }

    private static String didYouMean(String word, Set<String> known) {
        List<String> near = Suggest.closest(word, known).stream()
                .filter(k -> Suggest.distance(word, k) <= Math.max(2, word.length() / 3)).toList();
        return near.isEmpty() ? "" : "; did you mean " + String.join(", ", near) + "?";
    }
}
