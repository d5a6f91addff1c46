package org.suanli.units;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and formats quantities with units: "80 GiB", "3.35 TB/s", "400 Gb/s", "989 TFLOPS",
 * "700 W", "2.0 GHz", "1.5 us", "268495 USD". Parsed values are plain doubles in SI base units
 * (bytes, bytes/s, bits/s, FLOP/s, W, Hz, s, USD) so the engines never carry unit objects.
 *
 * <p>Decimal prefixes (k, M, G, T, P, E) are powers of 1000; binary prefixes (Ki, Mi, Gi, Ti, Pi)
 * powers of 1024 (IEC 80000-13). Byte units use an upper-case B, bit units a lower-case b.
 */
public final class Units {
    private static final Pattern NUMBER_UNIT =
            Pattern.compile("^\\s*([-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*([^\\d\\s].*?)?\\s*$");

    private static final Map<String, Double> DECIMAL = Map.of(
            "", 1.0, "k", 1e3, "K", 1e3, "M", 1e6, "G", 1e9, "T", 1e12, "P", 1e15, "E", 1e18);
    private static final Map<String, Double> BINARY = Map.of(
            "Ki", 0x1p10, "Mi", 0x1p20, "Gi", 0x1p30, "Ti", 0x1p40, "Pi", 0x1p50);

    /** The longest text a value may be; longer text is refused before any pattern runs on it. */
    public static final int MAX_TEXT = 100;

    private Units() {
    }

    private static void checkLength(String text, String expected) {
        if (text != null && text.length() > MAX_TEXT) {
            throw new UnitException("a value of " + text.length() + " characters (" + quoted(text.substring(0, 20) + "...") + ") is too long",
                    expected + " (at most " + MAX_TEXT + " characters)");
        }
    }

    /** Parses a size such as "80 GiB" or "30.72 TB"; returns bytes. */
    public static double bytes(String text) {
        return parse(text, Quantity.BYTES);
    }

    /** Parses a bandwidth such as "3.35 TB/s" or "400 Gb/s"; returns bytes per second. */
    public static double bandwidth(String text) {
        return parse(text, Quantity.BANDWIDTH);
    }

    /** Parses a bit rate such as "400 Gb/s"; returns bits per second. */
    public static double bitRate(String text) {
        return parse(text, Quantity.BIT_RATE);
    }

    /** Parses a compute rate such as "989 TFLOPS" or "624 TOPS"; returns operations per second. */
    public static double compute(String text) {
        return parse(text, Quantity.COMPUTE);
    }

    /** Parses a power such as "700 W" or "10.2 kW"; returns watts. */
    public static double power(String text) {
        return parse(text, Quantity.POWER);
    }

    /** Parses a frequency such as "2.0 GHz"; returns hertz. */
    public static double frequency(String text) {
        return parse(text, Quantity.FREQUENCY);
    }

    /** Parses a time such as "1.5 us", "30 days" or "2 h"; returns seconds. */
    public static double time(String text) {
        return parse(text, Quantity.TIME);
    }

    /** Parses money such as "268495 USD", "$10,424" or "1.2 MUSD"; returns US dollars. */
    public static double money(String text) {
        return parse(text, Quantity.MONEY);
    }

    /**
     * Parses a count such as "2T", "300B", "1.5e12" or "4M" (K thousand, M million, B or G billion,
     * T trillion), e.g. a token budget; returns the plain number.
     */
    public static double count(String text) {
        checkLength(text, "expected e.g. '2T', '300B' or '1.5e12'");
        Matcher m = NUMBER_UNIT.matcher(text == null ? "" : text.trim().replace("_", "").replace(",", ""));
        if (m.matches()) {
            double n = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "" : m.group(2).trim();
            Double f = switch (unit) {
                case "" -> 1.0;
                case "K", "k" -> 1e3;
                case "M" -> 1e6;
                case "B", "G" -> 1e9;
                case "T" -> 1e12;
                default -> null;
            };
            if (f != null && n * f > 0 && Double.isFinite(n * f)) {
                return n * f;
            }
        }
        throw new UnitException(quoted(text) + " is not a positive count", "expected e.g. '2T', '300B' or '1.5e12'");
    }

    /**
     * Parses {@code text} as a quantity of {@code kind}; returns the value in the kind's base unit.
     *
     * @throws UnitException naming the string and what was expected
     */
    public static double parse(String text, Quantity kind) {
        if (text == null || text.isBlank()) {
            throw new UnitException("missing value", "expected " + kind.article() + ", e.g. " + kind.example());
        }
        checkLength(text, "expected " + kind.article() + ", e.g. " + kind.example());
        String s = text.trim();
        if (kind == Quantity.MONEY) {
            s = normaliseMoney(s);
        }
        Matcher m = NUMBER_UNIT.matcher(s);
        if (!m.matches()) {
            throw notA(text, kind);
        }
        double number = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).trim();
        Double factor = factor(unit, kind);
        if (factor == null) {
            throw notA(text, kind);
        }
        double value = number * factor;
        if (!Double.isFinite(value)) {
            throw new UnitException(quoted(text) + " is out of range", "expected a finite " + kind.article().replaceFirst("^an? ", ""));
        }
        return value;
    }

    private static String normaliseMoney(String s) {
        String t = s.replace(",", "").replace("_", "");
        if (t.startsWith("$")) {
            t = t.substring(1).trim() + " USD";
        }
        return t;
    }

    private static UnitException notA(String text, Quantity kind) {
        return new UnitException(quoted(text) + " is not " + kind.article(), "expected e.g. " + kind.example());
    }

    /** Returns the user's text in single quotes, on one line ({@link org.suanli.BadInputException#oneLine}). */
    static String quoted(String text) {
        return "'" + org.suanli.BadInputException.oneLine(String.valueOf(text)) + "'";
    }

    /** Returns the multiplier from {@code unit} to the base unit of {@code kind}, or null if it is not one of its units. */
    private static Double factor(String unit, Quantity kind) {
        return switch (kind) {
            case BYTES -> prefixed(unit, List.of("B", "byte", "bytes"), true);
            case BANDWIDTH -> bandwidthFactor(unit);
            case BIT_RATE -> {
                Double bits = prefixed(unit, List.of("b/s", "bps", "bit/s"), false);
                if (bits != null) {
                    yield bits;
                }
                Double bytes = prefixed(unit, List.of("B/s", "Bps", "byte/s"), true);
                yield bytes == null ? null : bytes * 8;
            }
            case COMPUTE -> prefixed(unit, List.of("FLOPS", "FLOP/s", "OPS", "OP/s", "flops", "ops"), false);
            case POWER -> prefixed(unit, List.of("W", "watt", "watts"), false);
            case FREQUENCY -> prefixed(unit, List.of("Hz", "hz"), false);
            case TIME -> timeFactor(unit);
            case MONEY -> prefixed(unit, List.of("USD"), false);
        };
    }

    private static Double bandwidthFactor(String unit) {
        Double bytes = prefixed(unit, List.of("B/s", "Bps", "byte/s"), true);
        if (bytes != null) {
            return bytes;
        }
        Double bits = prefixed(unit, List.of("b/s", "bps", "bit/s"), false);
        return bits == null ? null : bits / 8;
    }

    private static Double timeFactor(String unit) {
        return switch (unit) {
            case "s", "sec", "secs", "second", "seconds" -> 1.0;
            case "ms" -> 1e-3;
            case "us", "µs", "μs" -> 1e-6;
            case "ns" -> 1e-9;
            case "min", "mins", "minute", "minutes" -> 60.0;
            case "h", "hr", "hrs", "hour", "hours" -> 3600.0;
            case "d", "day", "days" -> 86400.0;
            default -> null;
        };
    }

    /**
     * Returns the factor of a prefixed unit such as "GiB" given its possible suffixes, or null.
     * Binary prefixes are accepted only where {@code allowBinary} (bytes).
     */
    private static Double prefixed(String unit, List<String> suffixes, boolean allowBinary) {
        for (String suffix : suffixes) {
            if (!unit.endsWith(suffix)) {
                continue;
            }
            String prefix = unit.substring(0, unit.length() - suffix.length()).trim();
            if (allowBinary && BINARY.containsKey(prefix)) {
                return BINARY.get(prefix);
            }
            Double decimal = DECIMAL.get(prefix);
            if (decimal != null) {
                return decimal;
            }
        }
        return null;
    }

    // ---- formatting ------------------------------------------------------------------------

    /** Formats bytes with a binary prefix, e.g. 85899345920 -> "80 GiB". */
    public static String formatBytes(double bytes) {
        return scaled(bytes, 1024, new String[] {"B", "KiB", "MiB", "GiB", "TiB", "PiB"});
    }

    /** Formats bytes with a decimal prefix, e.g. 3.072e13 -> "30.72 TB". */
    public static String formatBytesDecimal(double bytes) {
        return scaled(bytes, 1000, new String[] {"B", "kB", "MB", "GB", "TB", "PB"});
    }

    /** Formats a bandwidth in bytes/s, e.g. 3.35e12 -> "3.35 TB/s". */
    public static String formatBandwidth(double bytesPerS) {
        return scaled(bytesPerS, 1000, new String[] {"B/s", "kB/s", "MB/s", "GB/s", "TB/s", "PB/s"});
    }

    /** Formats a bit rate, e.g. 4e11 -> "400 Gb/s". */
    public static String formatBitRate(double bitsPerS) {
        return scaled(bitsPerS, 1000, new String[] {"b/s", "kb/s", "Mb/s", "Gb/s", "Tb/s", "Pb/s"});
    }

    /** Formats a compute rate, e.g. 9.894e14 -> "989.4 TFLOPS" ({@code unit} is "FLOPS" or "OPS"). */
    public static String formatCompute(double perS, String unit) {
        return scaled(perS, 1000, new String[] {unit, "k" + unit, "M" + unit, "G" + unit, "T" + unit, "P" + unit, "E" + unit});
    }

    /** Formats watts, e.g. 10200 -> "10.2 kW". */
    public static String formatPower(double watts) {
        return scaled(watts, 1000, new String[] {"W", "kW", "MW", "GW"});
    }

    /** Formats hertz, e.g. 2e9 -> "2 GHz". */
    public static String formatFrequency(double hz) {
        return scaled(hz, 1000, new String[] {"Hz", "kHz", "MHz", "GHz", "THz"});
    }

    /** Formats seconds with a readable unit: "850 ns", "1.5 us", "12.3 s", "4.2 h", "34.1 days". */
    public static String formatTime(double s) {
        double a = Math.abs(s);
        if (a == 0) {
            return "0 s";
        } else if (a < 1e-6) {
            return num(s * 1e9) + " ns";
        } else if (a < 1e-3) {
            return num(s * 1e6) + " us";
        } else if (a < 1) {
            return num(s * 1e3) + " ms";
        } else if (a < 600) {
            return num(s) + " s";
        } else if (a < 3 * 3600) {
            return num(s / 60) + " min";
        } else if (a < 3 * 86400) {
            return num(s / 3600) + " h";
        }
        return num(s / 86400) + " days";
    }

    /** Formats US dollars with thousands separators, e.g. 268495 -> "$268,495". */
    public static String formatMoney(double usd) {
        if (Math.abs(usd) >= 1e9) {
            return String.format(Locale.ROOT, "$%.2fB", usd / 1e9);
        }
        if (Math.abs(usd) >= 1e7) {
            return String.format(Locale.ROOT, "$%.2fM", usd / 1e6);
        }
        return String.format(Locale.ROOT, "$%,.0f", usd);
    }

    private static String scaled(double value, double base, String[] units) {
        int i = 0;
        double v = value;
        while (Math.abs(v) >= base && i < units.length - 1) {
            v /= base;
            i++;
        }
        return num(v) + " " + units[i];
    }

    /** Formats a number with up to four significant digits and no trailing zeros. */
    public static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return String.valueOf((long) v);
        }
        double a = Math.abs(v);
        int decimals = a >= 100 ? 1 : a >= 10 ? 2 : a >= 1 ? 3 : 4;
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }
}
