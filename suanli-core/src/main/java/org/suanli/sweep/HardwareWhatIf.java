package org.suanli.sweep;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.suanli.BadInputException;
import org.suanli.hardware.Accelerator;
import org.suanli.hardware.Link;
import org.suanli.hardware.Memory;
import org.suanli.hardware.Precision;
import org.suanli.hardware.Server;
import org.suanli.units.Units;

/**
 * Hardware what-ifs on one server's catalog entry, as overrides ({@code memory_bytes_per_s: "4.8 TB/s"}) or multipliers
 * ({@code memory_bytes_per_s_x: 2}); both are applied to a copy of the server and its accelerator (records are immutable),
 * never to the built-in data. Fields, each with {@code _x} for a multiplier:
 * <ul>
 * <li>{@code peak_<precision>} (bf16, fp16, fp8, fp4, int8, ...): the dense peak of the accelerator, ops/s or "989 TFLOPS";
 *     0 removes the precision (a part without fp8); {@code peak_x} multiplies every precision;</li>
 * <li>{@code memory_bytes}, {@code memory_bytes_per_s}: the accelerator's memory capacity and bandwidth;</li>
 * <li>{@code scale_up_bytes_per_s}: the scale-up link (NVLink, HCCS) of the accelerator and of the server, counted as the
 *     link's catalog entry counts it (one direction or both);</li>
 * <li>{@code power_w}: the accelerator's TDP; the server's maximum power moves by the same ratio;</li>
 * <li>{@code price_usd}: the server's price.</li>
 * </ul>
 * Multipliers apply after overrides.
 */
public final class HardwareWhatIf {
    private HardwareWhatIf() {
    }

    /** Returns true when {@code field} (without "hw.") is a field this class knows. */
    public static boolean known(String field) {
        String f = field.endsWith("_x") ? field.substring(0, field.length() - 2) : field;
        if (f.equals("peak")) {
            return field.endsWith("_x");
        }
        if (f.startsWith("peak_")) {
            return Precision.fromKey(f.substring(5)).isPresent();
        }
        return f.equals("memory_bytes") || f.equals("memory_bytes_per_s") || f.equals("scale_up_bytes_per_s") || f.equals("power_w")
                || f.equals("price_usd");
    }

    /** Returns {@code s} with every what-if of {@code fields} (field without "hw." -> number or text with a unit) applied. */
    public static Server apply(Server s, Map<String, Object> fields, String where) {
        Accelerator a = s.accelerator().orElseThrow(() -> new BadInputException(where, "server " + s.id() + " has no accelerators",
                "expected an AI server for hardware what-ifs"));
        EnumMap<Precision, Double> peaks = new EnumMap<>(Precision.class);
        peaks.putAll(a.peakOpsPerS());
        OptionalDouble cap = a.memory().capacityBytes();
        OptionalDouble bw = a.memory().bandwidthBytesPerS();
        Optional<Link> accLink = a.scaleUp();
        Optional<Link> srvLink = s.scaleUpLink();
        OptionalDouble tdp = a.tdpW();
        OptionalDouble power = s.powerW();
        OptionalDouble price = s.priceUsd();
        // overrides first, then multipliers
        for (boolean multipliers : new boolean[] {false, true}) {
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                String f = e.getKey();
                if (f.endsWith("_x") != multipliers) {
                    continue;
                }
                String name = multipliers ? f.substring(0, f.length() - 2) : f;
                String w = where + ".hw." + f;
                if (name.equals("peak")) {
                    double x = factor(e.getValue(), w);
                    peaks.replaceAll((p, v) -> v * x);
                } else if (name.startsWith("peak_")) {
                    Precision p = Precision.fromKey(name.substring(5)).orElseThrow();
                    double v = multipliers ? peaks.getOrDefault(p, 0.0) * factor(e.getValue(), w) : value(e.getValue(), w, Units::compute);
                    if (v > 0) {
                        peaks.put(p, v);
                    } else {
                        peaks.remove(p);
                    }
                } else if (name.equals("memory_bytes")) {
                    cap = set(cap, e.getValue(), multipliers, w, Units::bytes);
                } else if (name.equals("memory_bytes_per_s")) {
                    bw = set(bw, e.getValue(), multipliers, w, Units::bandwidth);
                } else if (name.equals("scale_up_bytes_per_s")) {
                    accLink = link(accLink, e.getValue(), multipliers, w);
                    srvLink = link(srvLink, e.getValue(), multipliers, w);
                } else if (name.equals("power_w")) {
                    OptionalDouble before = tdp;
                    tdp = set(tdp, e.getValue(), multipliers, w, Units::power);
                    if (power.isPresent() && before.isPresent() && tdp.isPresent()) {
                        power = OptionalDouble.of(power.getAsDouble() * tdp.getAsDouble() / before.getAsDouble());
                    }
                } else if (name.equals("price_usd")) {
                    // a multiplier scales the catalog entry's price, else the default published one (the price book's latest)
                    OptionalDouble base = price.isPresent() || !multipliers ? price : org.suanli.cost.CostModel.serverPriceUsd(s);
                    price = set(base, e.getValue(), multipliers, w, Units::money);
                } else {
                    throw new BadInputException(w, "unknown hardware field", "expected peak_<precision>, memory_bytes, memory_bytes_per_s, "
                            + "scale_up_bytes_per_s, power_w or price_usd, each optionally with _x for a multiplier");
                }
            }
        }
        Accelerator b = new Accelerator(a.id(), a.name(), a.vendor(), a.country(), a.type(), a.architecture(), a.process(),
                a.launchYear(), a.dieAreaMm2(), a.dataCenter(), peaks, new Memory(a.memory().type(), cap, bw), a.cacheBytes(), accLink,
                a.hostInterface(), tdp, a.tdpMinW(), a.computeUnits(), a.efficiency(), a.source(), a.notes());
        return new Server(s.id(), s.name(), s.vendor(), s.country(), Optional.of(b), s.acceleratorCount(), s.cpu(), s.cpuCount(),
                s.scaleUpTopology(), srvLink, s.hostLink(), s.hostMemoryBytes(), s.nics(), s.storageBytes(), power, price, s.bom(),
                s.launchYear(), s.source(), s.notes(), s.scaleUpDomain());
    }

    private static Optional<Link> link(Optional<Link> l, Object v, boolean multiplier, String where) {
        if (l.isEmpty()) {
            return l;
        }
        Link k = l.get();
        double bytes = multiplier ? k.bandwidthBytesPerS() * factor(v, where) : value(v, where, Units::bandwidth);
        if (!(bytes > 0)) {
            throw new BadInputException(where, "a scale-up bandwidth of " + bytes, "expected a bandwidth above 0");
        }
        return Optional.of(new Link(k.id(), k.name(), k.kind(), bytes, k.direction(), k.latencyS(), k.source(), k.notes()));
    }

    private static OptionalDouble set(OptionalDouble old, Object v, boolean multiplier, String where,
                                      java.util.function.ToDoubleFunction<String> unit) {
        if (multiplier) {
            return old.isPresent() ? OptionalDouble.of(old.getAsDouble() * factor(v, where)) : old;
        }
        double d = value(v, where, unit);
        if (!(d > 0)) {
            throw new BadInputException(where, String.valueOf(v), "expected a value above 0");
        }
        return OptionalDouble.of(d);
    }

    private static double factor(Object v, String where) {
        if (!(v instanceof Number n) || !(n.doubleValue() >= 0) || Double.isInfinite(n.doubleValue())) {
            throw new BadInputException(where, "multiplier " + v, "expected a number from 0");
        }
        return n.doubleValue();
    }

    private static double value(Object v, String where, java.util.function.ToDoubleFunction<String> unit) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return unit.applyAsDouble(String.valueOf(v));
        } catch (RuntimeException e) {
            throw new BadInputException(where, "'" + v + "' is not a quantity", "expected a number in base units or text with a unit");
        }
    }
}
