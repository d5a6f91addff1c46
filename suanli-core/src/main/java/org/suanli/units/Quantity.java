package org.suanli.units;

/**
 * The physical kinds of quantity Suanli reads from catalog strings, each with the SI base unit that
 * the parsed value is expressed in and an example shown in error messages.
 */
public enum Quantity {
    BYTES("a size", "bytes", "'80 GiB'"),
    BANDWIDTH("a bandwidth", "bytes/s", "'3.35 TB/s'"),
    BIT_RATE("a bit rate", "bits/s", "'400 Gb/s'"),
    COMPUTE("a compute rate", "FLOP/s or OP/s", "'989 TFLOPS'"),
    POWER("a power", "W", "'700 W'"),
    FREQUENCY("a frequency", "Hz", "'2.0 GHz'"),
    TIME("a time", "s", "'1.5 us'"),
    MONEY("an amount of money", "USD", "'268495 USD'");

    private final String article;
    private final String baseUnit;
    private final String example;

    Quantity(String article, String baseUnit, String example) {
        this.article = article;
        this.baseUnit = baseUnit;
        this.example = example;
    }

    /** Returns the noun phrase used in messages, e.g. "a bandwidth". */
    public String article() {
        return article;
    }

    /** Returns the SI unit that parsed values are expressed in. */
    public String baseUnit() {
        return baseUnit;
    }

    /** Returns an example of a well-formed string, quoted, e.g. "'3.35 TB/s'". */
    public String example() {
        return example;
    }
}
