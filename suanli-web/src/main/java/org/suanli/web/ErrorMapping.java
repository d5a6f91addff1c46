package org.suanli.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.suanli.BadInputException;
import org.suanli.jobs.OptionException;

/**
 * Maps what the library throws to API errors: an unknown id is 404, any other input the library cannot use is 422;
 * the CLI option a library message names ({@code --global-batch}) is shown as the JSON field ({@code global_batch}).
 */
final class ErrorMapping {
    private static final Pattern OPTION = Pattern.compile("--([a-z0-9][a-z0-9-]*)");
    private static final Pattern UNKNOWN_ID = Pattern.compile("^unknown .*\\bid\\b.*");

    private ErrorMapping() {
    }

    static ApiException of(BadInputException e) {
        if (e instanceof OptionException o) {
            // the job layer's own errors already name the option as the request does
            int status = switch (o.kind()) {
                case USAGE -> 400;
                case INPUT -> 422;
                case TOO_LARGE -> 413;
            };
            return new ApiException(status, o.where(), o.what(), o.expected());
        }
        int status = UNKNOWN_ID.matcher(e.what()).matches() ? 404 : 422;
        return new ApiException(status, field(e.where()), field(e.what()), field(e.expected()));
    }

    /** Rewrites each {@code --option-name} in {@code text} as {@code option_name}. */
    static String field(String text) {
        Matcher m = OPTION.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1).replace('-', '_')));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
