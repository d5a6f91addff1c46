package org.suanli.report.json;

import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.suanli.cost.PriceQuote;

/**
 * The published price a cost used ({@code price} in cost, plan and serve JSON): bought per server or rented per
 * accelerator-hour, its range in US dollars, the figure as published (amount, currency, kind, date, source), the yuan
 * rate used for a CNY figure, and how it was obtained (the server's own figure, derived from its accelerator's, a
 * catalog entry or a bill of materials).
 */
@JsonNaming(SnakeCase.class)
public record PriceJson(String basis, String per, double usdLow, double usdHigh, String kind, String date, boolean derived,
                        Double amount, Double amountHigh, String currency, Double cnyPerUsd, String fxDate, String source, String how,
                        boolean lowStanding) {

    /** Returns the JSON form of {@code q}. */
    public static PriceJson of(PriceQuote q) {
        return new PriceJson(q.basis().key(), q.per(), q.lowUsd(), q.highUsd(), q.kind(), q.date(), q.derived(),
                q.point().map(p -> p.amount()).orElse(null),
                q.point().flatMap(p -> p.amountHigh().isPresent() ? java.util.Optional.of(p.amountHigh().getAsDouble())
                        : java.util.Optional.empty()).orElse(null),
                q.point().map(p -> p.currency()).orElse("USD"), q.rate().map(r -> r.cnyPerUsd()).orElse(null),
                q.rate().map(r -> r.date().toString()).orElse(null), q.point().map(p -> p.source()).orElse(null), q.how(),
                q.point().map(p -> p.lowStanding()).orElse(false));
    }
}
