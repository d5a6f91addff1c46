package org.suanli.hardware;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Numeric formats an accelerator computes in, with the bit length that export-control arithmetic
 * uses (3A090 Technical Note: TPP = 2 x MacTOPS x bit length). TF32 is a 19-bit format held in
 * 32-bit containers; like BIS practice we count 32 (export_control.md §2).
 */
public enum Precision {
    FP64(64, false), FP32(32, false), TF32(32, false), BF16(16, false), FP16(16, false),
    FP8(8, false), FP6(6, false), FP4(4, false), INT16(16, true), INT8(8, true), INT4(4, true);

    private final int bits;
    private final boolean integer;

    Precision(int bits, boolean integer) {
        this.bits = bits;
        this.integer = integer;
    }

    /** Returns the bit length used for TPP. */
    public int bits() {
        return bits;
    }

    /** Returns true for integer formats, whose rates are quoted in OPS rather than FLOPS. */
    public boolean integer() {
        return integer;
    }

    /** Returns the catalog key, e.g. "bf16". */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the unit word used when printing a rate in this precision: FLOPS or OPS. */
    public String rateUnit() {
        return integer ? "OPS" : "FLOPS";
    }

    /** Returns the precision with this catalog key. */
    public static Optional<Precision> fromKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key().equalsIgnoreCase(key)).findFirst();
    }
}
