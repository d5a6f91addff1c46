package org.suanli.validation;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One published measurement to predict: the job's configuration (catalog ids and layout keys as in
 * {@code validation/*.yaml}) and the published figure of its metric. A row may state its own {@code kind}
 * (training or inference) and {@code metric} where a suite mixes them; a row the model cannot express yet
 * carries the {@code notExpressible} reason and is listed, never predicted.
 */
public record ValidationRow(String id, String source, String model, String server, int gpus,
                            Map<String, Object> layout, double published, OptionalDouble tokens, String notes,
                            String kind, String metric, Optional<String> notExpressible) {

    /** A row of its suite's kind and metric. */
    public ValidationRow(String id, String source, String model, String server, int gpus, Map<String, Object> layout,
                         double published, OptionalDouble tokens, String notes) {
        this(id, source, model, server, gpus, layout, published, tokens, notes, "", "", Optional.empty());
    }

    /** Returns true when the model can predict this row. */
    public boolean expressible() {
        return notExpressible.isEmpty();
    }
}
