package org.suanli.report.json;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/** A figure the library leaves empty becomes JSON null (or, with {@code @JsonInclude(NON_NULL)}, no field at all). */
final class Absent {
    private Absent() {
    }

    static Double orNull(OptionalDouble v) {
        return v.isPresent() ? v.getAsDouble() : null;
    }

    static Integer orNull(OptionalInt v) {
        return v.isPresent() ? v.getAsInt() : null;
    }
}
