package org.suanli.units;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** A value far longer than any quantity is refused at once, in one short line (the pattern is not run on it). */
class UnitsLengthTest {
    private static final String LONG = "1 x" + " ".repeat(50_000) + "y";

    @Test
    void aFiftyThousandCharacterQuantityIsRefusedQuickly() {
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(1), () ->
                assertThatThrownBy(() -> Units.parse(LONG, Quantity.POWER))
                        .isInstanceOf(UnitException.class)
                        .hasMessage("a value of 50004 characters ('1 x                 ...') is too long")
                        .extracting(e -> ((UnitException) e).expected()).asString().endsWith("(at most 100 characters)"));
    }

    @Test
    void aFiftyThousandCharacterCountIsRefusedQuickly() {
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(1), () ->
                assertThatThrownBy(() -> Units.count(LONG)).isInstanceOf(UnitException.class).hasMessageContaining("is too long"));
    }
}
