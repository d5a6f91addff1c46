package org.suanli.report;

/**
 * One figure of a report: its JSON key (snake_case, unit in the name), a label for people, the
 * raw value (null when not published) and how it is shown to people.
 */
public record Field(String key, String label, Object value, String display) {

    /** The text shown for a figure the vendor does not publish. */
    public static final String NOT_PUBLISHED = "not published";

    /** Returns a field whose value is absent (shown as "not published", written as JSON null). */
    public static Field absent(String key, String label) {
        return new Field(key, label, null, NOT_PUBLISHED);
    }
}
