package org.suanli.catalog;

import java.util.List;
import java.util.Map;

/**
 * A YAML or JSON value with the file and line it was read from, so that every validation error can
 * name its place. Built by {@link TreeReader}; consumed by {@link Fields}.
 */
public sealed interface Node permits Node.Scalar, Node.Mapping, Node.Sequence {

    /** Returns the file the value was read from (as shown to users). */
    String file();

    /** Returns the 1-based line the value starts on. */
    int line();

    /** Returns "file:line", the place prefix of error lines. */
    default String where() {
        return file() + ":" + line();
    }

    /** What a scalar was written as: the parser's reading of it, before any field gives it a meaning. */
    enum Type {
        STRING, INTEGER, DECIMAL, BOOLEAN, NULL;

        /** Returns the word used in error messages ("text", "a whole number", ...). */
        public String shown() {
            return switch (this) {
                case STRING -> "text";
                case INTEGER -> "a whole number";
                case DECIMAL -> "a number";
                case BOOLEAN -> "a boolean";
                case NULL -> "empty";
            };
        }
    }

    /** A string, number, boolean or null scalar, kept as its text and the type it was written as. */
    record Scalar(String file, int line, String text, boolean isNull, boolean quoted, Type type) implements Node {
        /** A scalar whose type follows from {@code isNull} and {@code quoted} (text otherwise). */
        public Scalar(String file, int line, String text, boolean isNull, boolean quoted) {
            this(file, line, text, isNull, quoted, isNull ? Type.NULL : Type.STRING);
        }
    }

    /** A mapping in file order; each value keeps its own line. */
    record Mapping(String file, int line, Map<String, Node> entries, Map<String, Integer> keyLines) implements Node {
        public Mapping {
            entries = java.util.Collections.unmodifiableMap(entries);
            keyLines = java.util.Collections.unmodifiableMap(keyLines);
        }
    }

    /** A sequence of values. */
    record Sequence(String file, int line, List<Node> items) implements Node {
        public Sequence {
            items = List.copyOf(items);
        }
    }
}
