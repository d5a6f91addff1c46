package org.suanli.cli;

import org.suanli.BadInputException;
import picocli.CommandLine;

/**
 * Turns exceptions from a command into the one-line errors of DESIGN.md's contract:
 * {@code error: <where>: <what>; <expected>}, exit 3 for bad input, 1 for a fault of Suanli's own.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler {
    static final int USAGE = 2;
    static final int BAD_INPUT = 3;
    static final int INTERNAL = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        if (debug(parsed)) {
            ex.printStackTrace(new java.io.PrintWriter(cl.getErr(), true));
        }
        if (ex instanceof BadInputException b) {
            cl.getErr().println(b.userLine());
            cl.getErr().flush();
            return BAD_INPUT;
        }
        if (ex instanceof UsageException u) {
            cl.getErr().println("error: " + cl.getCommandSpec().qualifiedName() + ": " + u.getMessage());
            cl.getErr().flush();
            return USAGE;
        }
        cl.getErr().println("error: internal: " + ex + "; rerun with --debug and report it");
        cl.getErr().flush();
        return INTERNAL;
    }

    /** True when --debug was given to any command of the chain (it belongs to the subcommand, not to the top-level parse). */
    static boolean debug(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.hasSubcommand() ? p.subcommand() : null) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return Boolean.getBoolean("suanli.debug");
    }
}
