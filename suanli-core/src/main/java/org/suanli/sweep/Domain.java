package org.suanli.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;

/** The values one varied field may take: a list, or a numeric range on a linear or a log2 scale. */
public sealed interface Domain permits Domain.Values, Domain.Range {

    /** Returns every value of a grid over this domain, in order. */
    List<JsonNode> grid();

    /** Returns the value at {@code u} in [0, 1) of a random or Latin-hypercube sample. */
    JsonNode at(double u);

    /** A list of values, each as written (numbers, text, booleans). */
    record Values(List<JsonNode> values) implements Domain {
        public Values {
            values = List.copyOf(values);
        }

        @Override
        public List<JsonNode> grid() {
            return values;
        }

        @Override
        public JsonNode at(double u) {
            return values.get(Math.min(values.size() - 1, (int) (u * values.size())));
        }
    }

    /**
     * A numeric range {@code [from, to]}. A grid takes {@code count} evenly spaced values, or (linear) every {@code step}, or
     * (log2) every doubling from {@code from}; a sample is uniform (linear) or log-uniform (log2). With whole-number bounds
     * and no fractional step the values are whole numbers, and a log2 sample takes {@code from} times a power of two.
     *
     * @param step 0 when not given
     * @param count 0 when not given
     */
    record Range(double from, double to, boolean log2, double step, int count, boolean integer) implements Domain {
        private static final int MAX_GRID = 1_000_000;

        @Override
        public List<JsonNode> grid() {
            List<JsonNode> out = new ArrayList<>();
            if (count > 0) {
                for (int i = 0; i < count; i++) {
                    double f = count == 1 ? 0 : (double) i / (count - 1);
                    out.add(number(log2 ? from * Math.pow(to / from, f) : from + f * (to - from)));
                }
            } else if (log2) {
                for (double v = from; v <= to * (1 + 1e-12) && out.size() < MAX_GRID; v *= 2) {
                    out.add(number(v));
                }
            } else {
                long n = (long) Math.floor((to - from) / step + 1e-9);
                for (long i = 0; i <= n && out.size() < MAX_GRID; i++) {
                    out.add(number(from + i * step));
                }
            }
            return out;
        }

        @Override
        public JsonNode at(double u) {
            if (log2 && integer) {
                int k = (int) Math.floor(Math.log(to / from) / Math.log(2) + 1e-9);
                return number(from * Math.pow(2, Math.min(k, (int) (u * (k + 1)))));
            }
            return number(log2 ? from * Math.pow(to / from, u) : from + u * (to - from));
        }

        private JsonNode number(double v) {
            return integer ? JsonNodeFactory.instance.numberNode(Math.round(v)) : JsonNodeFactory.instance.numberNode(v);
        }
    }
}
