package org.suanli.report.json;

import static org.suanli.report.json.Absent.orNull;

import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.suanli.cost.CostAssumptions;
import org.suanli.cost.CostModel;
import org.suanli.cost.RunCost;
import org.suanli.hardware.Server;

/**
 * The cost of owning and running servers ({@code suanli cost --json}): capital, its amortised share, power (with its basis: published, derived or an assumed TDP and its rule), energy, the
 * total and its price per GPU-hour (null where a price is not published), and the assumptions used. {@code price} is the
 * published figure used (null with a user's GPU-hour price or none known); where it is a range, {@code usd} is the middle of
 * {@code usd_low}..{@code usd_high}; {@code no_public_price} says what was searched for a server without one.
 */
@JsonNaming(SnakeCase.class)
public record CostJson(String server, int servers, double days, Double serverPriceUsd, Double capexUsd, Double amortisedUsd,
                       double kw, String kwBasis, String kwRule, double energyKwh, double energyUsd, Double usd, Double usdPerGpuHour, double amortisationYears,
                       double pue, double usdPerKwh, double utilisation, Double usdLow, Double usdHigh, PriceJson price,
                       String priceBasis, String priceDate, String priceCurrency, String noPublicPrice) {

    /** Returns cost {@code c} of {@code servers} servers {@code s} over {@code days} days under assumptions {@code a}. */
    public static CostJson of(Server s, int servers, double days, RunCost c, CostAssumptions a) {
        CostModel.Power power = CostModel.serverPower(s);
        return new CostJson(s.id(), servers, days, orNull(CostModel.serverPriceUsd(s, a.prices())), orNull(c.capexUsd()),
                orNull(c.amortisedUsd()), c.powerKw(), power.basis(), power.rule(), c.energyKwh(), c.energyUsd(), orNull(c.totalUsd()),
                orNull(CostModel.usdPerGpuHour(s, servers, days, c)), a.amortisationYears(), a.pue(),
                a.usdPerKwh(), a.utilisation(), orNull(c.totalUsdLow()), orNull(c.totalUsdHigh()), c.price().map(PriceJson::of).orElse(null),
                a.prices().basis().key(), a.prices().asOf().map(Object::toString).orElse("latest"), a.prices().currency(),
                c.totalUsd().isPresent() ? null : a.prices().book().searched(s.id()).orElse(null));
    }
}
