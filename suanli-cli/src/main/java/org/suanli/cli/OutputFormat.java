package org.suanli.cli;

import java.util.function.Supplier;
import org.suanli.report.Json;

/**
 * How a command prints its result: tables for people (the default), one JSON object of the result's contract record
 * ({@code --json}), or CSV ({@code --csv}). Each format is one render step; only the rendering asked for is computed.
 */
enum OutputFormat {
    TABLE {
        @Override
        String render(Supplier<?> json, Supplier<String> csv, Supplier<String> table) {
            return table.get();
        }
    },
    JSON {
        @Override
        String render(Supplier<?> json, Supplier<String> csv, Supplier<String> table) {
            return Json.write(json.get());
        }
    },
    CSV {
        @Override
        String render(Supplier<?> json, Supplier<String> csv, Supplier<String> table) {
            return csv.get();
        }
    };

    /** Returns the result rendered in this format: {@code json} supplies the contract record, the others text. */
    abstract String render(Supplier<?> json, Supplier<String> csv, Supplier<String> table);
}
