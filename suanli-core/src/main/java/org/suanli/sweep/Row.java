package org.suanli.sweep;

import java.util.Map;

/**
 * One evaluated point: its index, the scenario columns (the varied fields' values) and the result columns (the command's
 * {@code --json} object flattened), or the one-line error that made the point infeasible.
 *
 * @param error null when the point ran
 */
public record Row(long point, Map<String, Object> scenario, Map<String, Object> result, String error) {
}
