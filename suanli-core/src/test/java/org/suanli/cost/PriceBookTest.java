package org.suanli.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.suanli.BadInputException;
import org.suanli.catalog.TreeReader;

/** Reading price files: the built-in book, a user's extra rows, and one clear line for each kind of bad row. */
class PriceBookTest {
    private static final String FX = "fx:\n  - {date: \"2024-07\", cny_per_usd: 7.26, source: s, quote: q}\n";

    private static PriceBook read(String yaml) {
        return PriceBook.read(TreeReader.read("mine.yaml", yaml, false));
    }

    @Test
    void theBuiltInBookHoldsTheFedRatesAndEveryRowHasASource() {
        PriceBook b = PriceBook.builtIn();
        // Federal Reserve G.5A: 2023 annual average 7.0809 yuan per dollar
        assertThat(b.rates()).anyMatch(r -> r.date().toString().equals("2023") && r.cnyPerUsd() == 7.0809);
        assertThat(b.prices()).allMatch(p -> !p.source().isBlank() && !p.quote().isBlank());
    }

    @Test
    void aUserRowIsAddedAndClearsTheNoPublicPriceMark() {
        PriceBook mine = read(FX + "prices:\n  - {id: dgx-b300, kind: street, amount: 500000, currency: USD, per: server, date: \"2026-03\","
                + " source: my quote, quote: '500k'}\n");
        PriceBook both = PriceBook.builtIn().plus(mine);
        assertThat(both.of("dgx-b300")).hasSize(1);
        assertThat(both.searched("dgx-b300")).isEmpty();
        assertThat(PriceBook.builtIn().searched("dgx-b300")).isPresent();
    }

    @Test
    void theNearestRateToAMonthIsUsed() {
        PriceBook b = read("fx:\n  - {date: \"2023\", cny_per_usd: 7.08, source: s, quote: q}\n  - {date: \"2025-03\", cny_per_usd: 7.25, source: s,"
                + " quote: q}\nprices: []\n");
        assertThat(b.rateNear(PriceDate.parseOrNull("2024-06")).orElseThrow().cnyPerUsd()).isEqualTo(7.25);
        assertThat(b.rateNear(PriceDate.parseOrNull("2023-10")).orElseThrow().cnyPerUsd()).isEqualTo(7.08);
    }

    @Test
    void badRowsAreOneLineNamingThePlace() {
        List<String[]> cases = List.of(
                new String[] {"kind: rumour", "prices.kind: unknown kind"},
                new String[] {"per: pallet", "prices.per: unknown unit"},
                new String[] {"currency: EUR", "prices.currency: 'EUR' is not known"},
                new String[] {"date: \"24-07\"", "prices.date: '24-07' is not a date"},
                new String[] {"amount: -5", "prices.amount: -5 is not positive"},
                new String[] {"colour: red", "prices.colour: unknown field"});
        for (String[] c : cases) {
            String key = c[0].substring(0, c[0].indexOf(':'));
            StringBuilder row = new StringBuilder("  - id: hgx-h20\n");
            for (String f : List.of("kind: street", "amount: 1", "currency: USD", "per: server", "date: \"2024-07\"", "source: s", "quote: q")) {
                if (!f.startsWith(key + ":")) {
                    row.append("    ").append(f).append('\n');
                }
            }
            row.append("    ").append(c[0]).append('\n');
            assertThatThrownBy(() -> read(FX + "prices:\n" + row)).as(c[0]).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("mine.yaml:").hasMessageContaining(c[1]);
        }
    }

    @Test
    void anInstanceRateNeedsItsAcceleratorCount() {
        assertThatThrownBy(() -> read(FX + "prices:\n  - {id: dgx-h100, kind: cloud-on-demand, amount: 23.92, currency: USD, "
                + "per: instance-hour, date: undated, source: s, quote: q}\n"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("count: missing required field");
    }
}
