package org.suanli.validation;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * One published measurement to predict: the job's configuration (catalog ids and layout keys as in
 * {@code validation/*.yaml}) and the published figure of the suite's metric.
 */
public record ValidationRow(String id, String source, String model, String server, int gpus,
                            Map<String, Object> layout, double published, OptionalDouble tokens, String notes) {
}
