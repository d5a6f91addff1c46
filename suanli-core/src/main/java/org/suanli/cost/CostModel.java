package org.suanli.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.suanli.hardware.Server;

/**
 * Capital and operating cost of servers (the seed's "what does it cost" question): price from the
 * price book ({@link Pricing}: a published figure, one derived from the accelerator's, or the bill of materials), network ports, straight-line amortisation over the
 * assumption's years, and energy = power x utilisation x PUE x time x price per kWh. With a cloud
 * price per GPU-hour the cost is GPUs x hours x price instead.
 */
public final class CostModel {
    /** Fans, NICs, memory, drives and power-supply losses on top of accelerator and CPU TDPs, when no system power is published. */
    static final double PLATFORM_POWER_FACTOR = 1.25;

    private CostModel() {
    }

    /** Returns the server's purchase price under the default price choice (the latest published figure, its middle), else empty. */
    public static OptionalDouble serverPriceUsd(Server s) {
        return serverPriceUsd(s, PriceChoice.defaults());
    }

    /** Returns the server's purchase price under {@code c} (the middle of a range), else empty; empty when {@code c} rents. */
    public static OptionalDouble serverPriceUsd(Server s, PriceChoice c) {
        if (c.basis() == PriceBasis.RENT) {
            return OptionalDouble.empty();
        }
        return Pricing.buy(s, c).map(q -> OptionalDouble.of(q.centralUsd())).orElse(OptionalDouble.empty());
    }

    /**
     * Returns the server's maximum power, W: the published system figure, else accelerator and CPU TDPs
     * times 1.25 for the rest of the platform (an assumption: DGX H100's 10.2 kW is 1.3x its 8 x 700 W
     * GPUs + 2 x 350 W CPUs).
     */
    public static double serverPowerW(Server s) {
        return serverPower(s).watts();
    }

    /** Accelerator TDP assumed where the catalog has none, W (a typical SXM/OAM part of 2020-2023). */
    static final double ASSUMED_ACCELERATOR_TDP_W = 400;
    /** CPU TDP assumed where the catalog has none, W (a typical two-socket server CPU). */
    static final double ASSUMED_CPU_TDP_W = 250;

    /**
     * A server's maximum power with its basis: {@code published} (the catalog's system figure), {@code derived}
     * (published TDPs x {@value #PLATFORM_POWER_FACTOR}) or {@code assumed} (a TDP is not published and a stated
     * typical value stands in); {@code rule} says how the figure was made, for reports to print beside it.
     */
    public record Power(double watts, String basis, String rule) {
    }

    /** Returns the server's maximum power and how it is known. */
    public static Power serverPower(Server s) {
        if (s.powerW().isPresent()) {
            return new Power(s.powerW().getAsDouble(), "published", "the catalog's system power");
        }
        List<String> assumed = new ArrayList<>();
        double accelTdp = s.accelerator().map(a -> {
            if (a.tdpW().isEmpty()) {
                assumed.add(a.id() + " TDP not published, " + (int) ASSUMED_ACCELERATOR_TDP_W + " W assumed");
            }
            return a.tdpW().orElse(ASSUMED_ACCELERATOR_TDP_W);
        }).orElse(0.0);
        if (s.cpu().tdpW().isEmpty()) {
            assumed.add(s.cpu().id() + " TDP not published, " + (int) ASSUMED_CPU_TDP_W + " W assumed");
        }
        double cpuTdp = s.cpu().tdpW().orElse(ASSUMED_CPU_TDP_W);
        double watts = (accelTdp * s.acceleratorCount() + cpuTdp * s.cpuCount()) * PLATFORM_POWER_FACTOR;
        String rule = "no system power published: (accelerator TDP x " + s.acceleratorCount() + " + CPU TDP x " + s.cpuCount()
                + ") x " + PLATFORM_POWER_FACTOR + " for the platform";
        return assumed.isEmpty() ? new Power(watts, "derived", rule)
                : new Power(watts, "assumed", String.join(", ", assumed) + "; " + rule);
    }

    /** Returns cost {@code c}'s price per GPU-hour of {@code servers} AI servers {@code s} over {@code days}; empty without a price. */
    public static OptionalDouble usdPerGpuHour(Server s, long servers, double days, RunCost c) {
        if (c.totalUsd().isEmpty() || !s.isAiServer()) {
            return OptionalDouble.empty();
        }
        // widened before multiplying: servers x accelerators overflows an int past 268 M servers
        return OptionalDouble.of(c.totalUsd().getAsDouble() / ((double) servers * s.acceleratorCount() * days * 24));
    }

    /**
     * Returns the cost of running {@code servers} servers for {@code seconds}; tokens > 0 adds the price per million. The
     * price is the user's per GPU-hour if given, else the published figure {@code a.prices()} picks (bought: capital
     * amortised straight-line plus energy; rented: accelerator-hours x rate, energy included in the rate).
     */
    public static RunCost run(Server s, int servers, double seconds, double tokens, CostAssumptions a) {
        double powerKw = serverPowerW(s) * servers / 1000;
        double energyKwh = powerKw * a.utilisation() * a.pue() * seconds / 3600;
        double energyUsd = energyKwh * a.usdPerKwh();
        double gpus = (double) servers * Math.max(1, s.acceleratorCount());
        if (a.usdPerGpuHour().isPresent()) {
            double total = gpus * seconds / 3600 * a.usdPerGpuHour().getAsDouble();
            return cost(servers, seconds, OptionalDouble.empty(), OptionalDouble.empty(), energyKwh, energyUsd, powerKw, tokens,
                    Optional.empty(), total, total);
        }
        Optional<PriceQuote> quote = Pricing.quote(s, a.prices());
        if (quote.isEmpty()) {
            return cost(servers, seconds, OptionalDouble.empty(), OptionalDouble.empty(), energyKwh, energyUsd, powerKw, tokens,
                    Optional.empty(), Double.NaN, Double.NaN);
        }
        PriceQuote q = quote.get();
        if (q.basis() == PriceBasis.RENT) {
            double hours = gpus * seconds / 3600;
            return cost(servers, seconds, OptionalDouble.empty(), OptionalDouble.empty(), energyKwh, energyUsd, powerKw, tokens, quote,
                    hours * q.lowUsd(), hours * q.highUsd());
        }
        int ports = s.nics().map(n -> n.count()).orElse(0);
        double life = a.amortisationYears() * 365.25 * 86400;
        double capexLow = servers * (q.lowUsd() + ports * a.usdPerNetworkPort());
        double capexHigh = servers * (q.highUsd() + ports * a.usdPerNetworkPort());
        double capex = (capexLow + capexHigh) / 2;
        return cost(servers, seconds, OptionalDouble.of(capex), OptionalDouble.of(capex * seconds / life), energyKwh, energyUsd, powerKw,
                tokens, quote, capexLow * seconds / life + energyUsd, capexHigh * seconds / life + energyUsd);
    }

    /** Assembles a cost whose total lies in [low, high] (NaN: no price); the total is the middle of the range. */
    private static RunCost cost(int servers, double seconds, OptionalDouble capex, OptionalDouble amortised, double energyKwh,
                                double energyUsd, double powerKw, double tokens, Optional<PriceQuote> q, double low, double high) {
        if (Double.isNaN(low)) {
            return new RunCost(servers, seconds, capex, amortised, energyKwh, energyUsd, powerKw, OptionalDouble.empty(),
                    OptionalDouble.empty(), q, OptionalDouble.empty(), OptionalDouble.empty(), tokens);
        }
        double total = (low + high) / 2;
        OptionalDouble perMillion = tokens > 0 ? OptionalDouble.of(total / (tokens / 1e6)) : OptionalDouble.empty();
        return new RunCost(servers, seconds, capex, amortised, energyKwh, energyUsd, powerKw, OptionalDouble.of(total), perMillion, q,
                OptionalDouble.of(low), OptionalDouble.of(high), tokens);
    }
}
