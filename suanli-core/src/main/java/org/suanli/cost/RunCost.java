package org.suanli.cost;

import java.util.OptionalDouble;

/**
 * What a run of {@code seconds} on {@code servers} servers costs: the capital they tie up, its share
 * amortised over the run, the energy drawn (kWh, with PUE) and its price, and the total. A figure
 * needing a price the catalog lacks is empty.
 */
public record RunCost(int servers, double seconds, OptionalDouble capexUsd, OptionalDouble amortisedUsd, double energyKwh,
                      double energyUsd, double powerKw, OptionalDouble totalUsd, OptionalDouble usdPerMillionTokens) {
}
