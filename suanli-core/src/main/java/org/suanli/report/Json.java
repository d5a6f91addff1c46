package org.suanli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The one JSON writer of all reports: pretty-printed; a contract record of {@link org.suanli.report.json} writes its fields
 * in declaration order, a map in insertion order.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** Returns {@code value} (maps, lists, numbers, strings, records) as JSON text. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** Returns the shared mapper, for tests that read JSON back. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
