package org.suanli.cost;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.suanli.hardware.BomLine;
import org.suanli.hardware.Server;

/**
 * Picks the price a cost uses for a server type from the price book. Bought: the user's catalog price if the entry
 * gives one, else the server's own published figure nearest the chosen month, else one derived from its
 * accelerator's price plus a host, else its bill of materials. Rented: the nearest accelerator-hour rate of the
 * server (instance rates divided by the instance's accelerators) or of its accelerator. Figures in the preferred
 * currency come first; among them the nearest-dated; among figures equally near, one on or before the chosen month,
 * then by kind (list, tender, street, estimate; on-demand before reserved).
 */
public final class Pricing {
    /** Seed report, cost_structure "Nvidia DGXH100": the server at 268,495 USD with 8 GPUs at 24,366 USD each. */
    static final double SEED_DGX_H100_USD = 268_495;
    static final double SEED_H100_USD = 24_366;
    /**
     * The host of a derived server price, USD per accelerator: everything but the GPUs in the seed's DGX H100 bill
     * (CPUs, memory, NVSwitch baseboard, NICs, storage, chassis, power, margin), (268,495 - 8 x 24,366) / 8 = 9,195.875.
     * An assumption for other servers: checked against the six dated purchase prices of whole servers that also have
     * accelerator prices (PricingTest: DGX H100 x3, DGX B200, HGX H20 x2), the derived range lands between 39% below
     * (DGX B200's $515K) and 17% above (the seed's DGX H100) the published figures.
     */
    public static final double HOST_USD_PER_ACCELERATOR = (SEED_DGX_H100_USD - 8 * SEED_H100_USD) / 8;

    private Pricing() {
    }

    /** Returns the price {@code c} picks for {@code s}, or empty when the book and the catalog have none. */
    public static Optional<PriceQuote> quote(Server s, PriceChoice c) {
        return switch (c.basis()) {
            case BUY -> buy(s, c);
            case RENT -> rent(s, c);
            case AUTO -> buy(s, c).or(() -> rent(s, c));
        };
    }

    /**
     * Returns the purchase price of {@code s}: the catalog entry's, its own figure, one derived from its accelerator's, or
     * its bill, in that order; figures from pages of low standing are tried only after the others.
     */
    public static Optional<PriceQuote> buy(Server s, PriceChoice c) {
        if (s.priceUsd().isPresent()) {
            double p = s.priceUsd().getAsDouble();
            return Optional.of(new PriceQuote(PriceBasis.BUY, p, p, "the catalog entry's price", Optional.empty(), Optional.empty(), false));
        }
        for (boolean lowToo : new boolean[] {false, true}) {
            Optional<PriceQuote> q = own(s, c, lowToo).or(() -> derived(s, c, lowToo));
            if (q.isPresent()) {
                return q;
            }
        }
        if (!s.bom().isEmpty()) {
            double p = s.bom().stream().mapToDouble(BomLine::totalUsd).sum();
            return Optional.of(new PriceQuote(PriceBasis.BUY, p, p, "the sum of the catalog's bill of materials", Optional.empty(),
                    Optional.empty(), false));
        }
        return Optional.empty();
    }

    private static Optional<PriceQuote> own(Server s, PriceChoice c, boolean lowToo) {
        List<PricePoint> rows = c.book().of(s.id()).stream().filter(p -> p.kind().purchase() && (lowToo || !p.lowStanding())
                && (p.per() == PricePer.SERVER || p.per() == PricePer.BATCH)).toList();
        return nearest(rows, c).map(p -> {
            double div = p.per() == PricePer.BATCH ? p.count() : 1;
            Optional<ExchangeRate> fx = rate(c.book(), p);
            double k = toUsd(fx) / div;
            String how = "the server's own figure, " + p.source() + (div > 1 ? String.format(Locale.ROOT, "; a batch of %d servers / %d",
                    p.count(), p.count()) : "") + standing(p);
            return new PriceQuote(PriceBasis.BUY, p.amount() * k, p.high() * k, how, Optional.of(p), fx, false);
        });
    }

    /** A server price from its accelerator's: count x (card + host per accelerator); the host is the assumption above. */
    private static Optional<PriceQuote> derived(Server s, PriceChoice c, boolean lowToo) {
        if (s.accelerator().isEmpty() || s.acceleratorCount() < 1) {
            return Optional.empty();
        }
        String acc = s.accelerator().get().id();
        // the accelerator's card or kit figures, and a kit filed under the server (its 8-GPU board)
        List<PricePoint> rows = new ArrayList<>(cardRows(c.book().of(acc), lowToo, true));
        rows.addAll(cardRows(c.book().of(s.id()), lowToo, false));
        Optional<CardPrice> card = cardPrice(rows, c);
        if (card.isEmpty()) {
            return Optional.empty();
        }
        PricePoint p = card.get().point();
        Optional<ExchangeRate> fx = card.get().rate();
        int n = s.acceleratorCount();
        double low = n * (card.get().lowUsd() + HOST_USD_PER_ACCELERATOR);
        double high = n * (card.get().highUsd() + HOST_USD_PER_ACCELERATOR);
        String how = String.format(Locale.ROOT, "%d x %s at %s each (%s) + a host assumed at $%,.0f per accelerator (the seed's DGX H100 bill "
                + "less its GPUs); no published price of the server itself", n, acc, range(card.get().lowUsd(), card.get().highUsd()), p.source(),
                HOST_USD_PER_ACCELERATOR) + standing(p);
        return Optional.of(new PriceQuote(PriceBasis.BUY, low, high, how, Optional.of(p), fx, true));
    }

    /**
     * Returns the purchase price of one accelerator {@code id} (a card figure, or a kit's divided by its count) that {@code c}
     * picks, as {@code [low, high]} USD with the figure behind it; figures of low standing only when nothing else exists.
     */
    public static Optional<CardPrice> card(String id, PriceChoice c) {
        for (boolean lowToo : new boolean[] {false, true}) {
            Optional<CardPrice> card = cardPrice(cardRows(c.book().of(id), lowToo, true), c);
            if (card.isPresent()) {
                return card;
            }
        }
        return Optional.empty();
    }

    /** Purchase rows of one accelerator: per card ({@code cards}) and per kit; low standing only with {@code lowToo}. */
    private static List<PricePoint> cardRows(List<PricePoint> rows, boolean lowToo, boolean cards) {
        return rows.stream().filter(p -> p.kind().purchase() && (lowToo || !p.lowStanding())
                && (cards && p.per() == PricePer.ACCELERATOR || p.per() == PricePer.KIT)).toList();
    }

    /** The nearest of {@code rows} as one accelerator's price in US dollars (a kit divided by its count). */
    private static Optional<CardPrice> cardPrice(List<PricePoint> rows, PriceChoice c) {
        return nearest(rows, c).map(p -> {
            Optional<ExchangeRate> fx = rate(c.book(), p);
            double k = toUsd(fx) / (p.per() == PricePer.KIT ? p.count() : 1);
            return new CardPrice(p.amount() * k, p.high() * k, p, fx);
        });
    }

    /** One accelerator's purchase price in US dollars, with the published figure and exchange rate behind it. */
    public record CardPrice(double lowUsd, double highUsd, PricePoint point, Optional<ExchangeRate> rate) {
        /** Returns the middle of the range. */
        public double centralUsd() {
            return (lowUsd + highUsd) / 2;
        }

        /** Returns "$27,000 (street, 2026-01, source)". */
        public String describe() {
            return range(lowUsd, highUsd) + " (" + point.kind().key() + ", " + point.dateText() + ", " + point.source() + ")"
                    + standing(point);
        }
    }

    /** Returns the rental rate of {@code s} per accelerator-hour: its own instance rates or its accelerator's. */
    public static Optional<PriceQuote> rent(Server s, PriceChoice c) {
        List<PricePoint> rows = new ArrayList<>();
        for (PricePoint p : c.book().of(s.id())) {
            if (!p.kind().purchase() && p.per().hourly()) {
                rows.add(p);
            }
        }
        s.accelerator().ifPresent(a -> c.book().of(a.id()).stream().filter(p -> !p.kind().purchase() && p.per().hourly()).forEach(rows::add));
        Optional<PricePoint> pick = nearest(rows.stream().filter(p -> !p.lowStanding()).toList(), c).or(() -> nearest(rows, c));
        if (pick.isEmpty()) {
            return Optional.empty();
        }
        PricePoint p = pick.get();
        Optional<ExchangeRate> fx = rate(c.book(), p);
        double k = toUsd(fx) / (p.per() == PricePer.INSTANCE_HOUR ? p.count() : 1);
        String how = p.kind().key() + " rate, " + p.source()
                + (p.per() == PricePer.INSTANCE_HOUR ? String.format(Locale.ROOT, "; an instance of %d accelerators / %d", p.count(), p.count()) : "")
                + standing(p);
        return Optional.of(new PriceQuote(PriceBasis.RENT, p.amount() * k, p.high() * k, how, pick, fx, false));
    }

    /**
     * The row nearest to the chosen month (the latest without one) among those in the preferred currency (all rows when
     * none is); dated rows before undated ones; on equal distance the one on or before the month, then the kind's order.
     */
    static Optional<PricePoint> nearest(List<PricePoint> all, PriceChoice c) {
        List<PricePoint> preferred = all.stream().filter(p -> p.currency().equals(c.currency())).toList();
        List<PricePoint> rows = preferred.isEmpty() ? all : preferred;
        List<PricePoint> dated = rows.stream().filter(p -> p.date().isPresent()).toList();
        if (dated.isEmpty()) {
            return rows.stream().min(Comparator.comparing(PricePoint::kind));
        }
        Comparator<PricePoint> order;
        if (c.asOf().isEmpty()) {
            order = Comparator.comparing((PricePoint p) -> -p.date().get().position());
        } else {
            var at = c.asOf().get();
            order = Comparator.comparing((PricePoint p) -> p.date().get().distance(at))
                    .thenComparing(p -> p.date().get().position() > at.position());
        }
        return dated.stream().min(order.thenComparing(PricePoint::kind));
    }

    private static Optional<ExchangeRate> rate(PriceBook book, PricePoint p) {
        if (!p.currency().equals("CNY")) {
            return Optional.empty();
        }
        Optional<ExchangeRate> r = p.date().isPresent() ? book.rateNear(p.date().get()) : book.latestRate();
        if (r.isEmpty()) {
            throw new IllegalStateException("price book has a CNY price of " + p.id() + " but no exchange rate");
        }
        return r;
    }

    private static String standing(PricePoint p) {
        return p.lowStanding() ? " (a page of low standing, used as no better figure of this basis is known)" : "";
    }

    /** Returns the factor from the row's currency to US dollars. */
    private static double toUsd(Optional<ExchangeRate> fx) {
        return fx.map(r -> 1 / r.cnyPerUsd()).orElse(1.0);
    }

    private static String range(double low, double high) {
        return String.format(Locale.ROOT, "$%,.0f", low) + (high > low ? String.format(Locale.ROOT, "-$%,.0f", high) : "");
    }
}
