package org.suanli.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.CatalogLoader;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Options every command shares: user catalog directories, output format ({@link OutputFormat}) and debug. The catalog is
 * the built-in one plus {@code --catalog DIR} (repeatable) plus {@code SUANLI_CATALOG} directories.
 */
final class CommonOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--catalog", paramLabel = "DIR",
            description = "Extra catalog directory or file (repeatable); also $SUANLI_CATALOG (':'-separated).")
    List<Path> catalogDirs = new ArrayList<>();

    // the two flags as picocli parses them; commands see only format()
    @Option(names = "--json", description = "Print one JSON object instead of tables.")
    private boolean jsonFlag;

    @Option(names = "--csv", description = "Print CSV instead of tables.")
    private boolean csvFlag;

    @Option(names = "--debug", description = "Print stack traces for errors.")
    boolean debug;

    /** Loads the catalog the user asked for, printing override notices to stderr. */
    Catalog catalog() {
        List<Path> dirs = catalogPaths();
        Catalog c = dirs.isEmpty() ? Catalog.builtIn() : CatalogLoader.load(dirs);
        c.notices().forEach(n -> mixee.commandLine().getErr().println(n));
        return c;
    }

    /** Returns the user's catalog directories and files ($SUANLI_CATALOG, then --catalog); empty for the built-in catalog alone. */
    List<Path> catalogPaths() {
        List<Path> dirs = new ArrayList<>();
        String env = System.getenv("SUANLI_CATALOG");
        if (env != null && !env.isBlank()) {
            for (String d : env.split(File.pathSeparator)) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d.trim()));
                }
            }
        }
        dirs.addAll(catalogDirs);
        return dirs;
    }

    /** Fails when both --json and --csv are given. */
    void checkFormat() {
        if (jsonFlag && csvFlag) {
            throw new UsageException("--json and --csv cannot be used together; expected at most one of them");
        }
    }

    /** Returns the output format asked for (tables unless --json or --csv), failing when both are given. */
    OutputFormat format() {
        checkFormat();
        return jsonFlag ? OutputFormat.JSON : csvFlag ? OutputFormat.CSV : OutputFormat.TABLE;
    }

    /** Prints the result in the format asked for: {@code json} supplies its contract record, {@code csv} and {@code table} text. */
    void render(java.util.function.Supplier<?> json, java.util.function.Supplier<String> csv, java.util.function.Supplier<String> table) {
        print(format().render(json, csv, table));
    }

    /** Returns the servers named by {@code ids}, or every AI server in the catalog when none is named. */
    static List<org.suanli.hardware.Server> aiServers(Catalog catalog, List<String> ids) {
        return org.suanli.input.Inputs.aiServers(catalog, ids);
    }

    /** Parses a token budget such as 2T or 300B (empty when not given). */
    static java.util.OptionalDouble tokens(String text) {
        return org.suanli.input.Inputs.tokens(text);
    }

    /** Parses money such as 2.5, "2.5 USD" or "$1,000" for {@code option}. */
    static double money(String option, String text) {
        return org.suanli.input.Inputs.money(option, text);
    }

    /** Prints the whole report at once, so a failure never leaves half of it on stdout. */
    void print(String text) {
        mixee.commandLine().getOut().print(text.endsWith("\n") ? text : text + "\n");
        mixee.commandLine().getOut().flush();
    }
}
