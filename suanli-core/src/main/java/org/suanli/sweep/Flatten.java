package org.suanli.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * A JSON result as flat columns: nested objects joined with underscores ({@code breakdown: {compute: 1}} is
 * {@code breakdown_compute}), a list kept as its JSON text with its first element also flattened ({@code plans_0_mfu}) so the
 * best plan of a plan command is queryable; nulls are left out. Numbers stay whole (Long) or not (Double).
 */
public final class Flatten {
    private Flatten() {
    }

    /** Adds the columns of {@code node} under {@code prefix} ("" at the top) to {@code out}. */
    public static void into(JsonNode node, String prefix, Map<String, Object> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                into(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "_" + e.getKey(), out);
            }
        } else if (node.isArray()) {
            out.put(prefix, node.toString());
            if (!node.isEmpty() && node.get(0).isObject()) {
                into(node.get(0), prefix + "_0", out);
            }
        } else if (node.isIntegralNumber()) {
            out.put(prefix, node.longValue());
        } else if (node.isNumber()) {
            out.put(prefix, node.doubleValue());
        } else if (node.isBoolean()) {
            out.put(prefix, node.booleanValue());
        } else {
            out.put(prefix, node.asText());
        }
    }

    /** Returns the value of a scalar spec value as a column value. */
    static Object scalar(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
