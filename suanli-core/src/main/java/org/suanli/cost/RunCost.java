package org.suanli.cost;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a run of {@code seconds} on {@code servers} servers costs: the capital they tie up, its share
 * amortised over the run, the energy drawn (kWh, with PUE) and its price, and the total. A figure
 * needing a price the catalog lacks is empty. {@code price} is the published figure used (empty when the user gave a
 * price per GPU-hour or none is known); where it is a range, {@code totalUsdLow}/{@code totalUsdHigh} carry the range
 * and {@code totalUsd} is its middle.
 */
public record RunCost(int servers, double seconds, OptionalDouble capexUsd, OptionalDouble amortisedUsd, double energyKwh,
                      double energyUsd, double powerKw, OptionalDouble totalUsd, OptionalDouble usdPerMillionTokens,
                      Optional<PriceQuote> price, OptionalDouble totalUsdLow, OptionalDouble totalUsdHigh, double tokens) {

    /** A cost without a published price behind it (no range). */
    public RunCost(int servers, double seconds, OptionalDouble capexUsd, OptionalDouble amortisedUsd, double energyKwh, double energyUsd,
                   double powerKw, OptionalDouble totalUsd, OptionalDouble usdPerMillionTokens) {
        this(servers, seconds, capexUsd, amortisedUsd, energyKwh, energyUsd, powerKw, totalUsd, usdPerMillionTokens, Optional.empty(),
                totalUsd, totalUsd, 0);
    }

    /** Returns the low end of the price per million tokens, or empty without tokens or a price. */
    public OptionalDouble usdPerMillionTokensLow() {
        return perMillion(totalUsdLow);
    }

    /** Returns the high end of the price per million tokens, or empty without tokens or a price. */
    public OptionalDouble usdPerMillionTokensHigh() {
        return perMillion(totalUsdHigh);
    }

    private OptionalDouble perMillion(OptionalDouble usd) {
        return usd.isPresent() && tokens > 0 && usdPerMillionTokens.isPresent() ? OptionalDouble.of(usd.getAsDouble() / (tokens / 1e6))
                : OptionalDouble.empty();
    }
}
