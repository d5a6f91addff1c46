package org.suanli.compliance;

/**
 * The outcome of one rule for one chip.
 *
 * @param verdict e.g. "controlled", "3A090.a", "not 3A090", "indeterminate: needs die_area_mm2"
 * @param clause the clause that decided, or "" when none applied
 * @param reason the arithmetic behind the verdict, e.g. "TPP 4,992 >= 4800 and I/O 663 GB/s >= 600"
 */
public record RuleVerdict(String rule, String name, String verdict, String clause, String reason) {

    /** Returns true when an unknown input prevented a verdict. */
    public boolean indeterminate() {
        return verdict.startsWith("indeterminate");
    }
}
