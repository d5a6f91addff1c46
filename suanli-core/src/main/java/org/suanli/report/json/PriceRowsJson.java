package org.suanli.report.json;

import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;
import org.suanli.cost.ExchangeRate;
import org.suanli.cost.PriceBook;
import org.suanli.cost.PricePoint;

/**
 * The price book ({@code suanli catalog prices --json}): every published price row as printed, the ids with no public
 * price and what was searched, and the exchange rates used for yuan figures.
 */
@JsonNaming(SnakeCase.class)
public record PriceRowsJson(List<Row> prices, Map<String, String> noPublicPrice, List<Rate> fx) {

    /** One price row as published. */
    @JsonNaming(SnakeCase.class)
    public record Row(String id, String kind, double amount, Double amountHigh, String currency, String per, int count, String date,
                      boolean lowStanding, String source, String quote, String note) {
    }

    /** One exchange rate. */
    @JsonNaming(SnakeCase.class)
    public record Rate(String date, double cnyPerUsd, String source) {
    }

    /** Returns the rows of {@code book} for which {@code keep} holds, and the searches of the ids kept. */
    public static PriceRowsJson of(PriceBook book, java.util.function.Predicate<String> keep) {
        List<Row> rows = book.prices().stream().filter(p -> keep.test(p.id())).map(PriceRowsJson::row).toList();
        Map<String, String> none = new java.util.LinkedHashMap<>();
        book.noPublicPrice().forEach((id, why) -> {
            if (keep.test(id)) {
                none.put(id, why);
            }
        });
        List<Rate> fx = book.rates().stream().map(PriceRowsJson::rate).toList();
        return new PriceRowsJson(rows, none, fx);
    }

    private static Row row(PricePoint p) {
        return new Row(p.id(), p.kind().key(), p.amount(), p.amountHigh().isPresent() ? p.amountHigh().getAsDouble() : null, p.currency(),
                p.per().key(), p.count(), p.dateText(), p.lowStanding(), p.source(), p.quote(), p.note());
    }

    private static Rate rate(ExchangeRate r) {
        return new Rate(r.date().toString(), r.cnyPerUsd(), r.source());
    }
}
