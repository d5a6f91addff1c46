package org.suanli.catalog;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.suanli.BadInputException;

/** NaN and infinities in a numeric field are refused with file:line and the field. */
class StrictNumbersTest {

    private static Fields fields(String yaml) {
        return Fields.of(TreeReader.read("m.yaml", yaml, false), "the model");
    }

    @ParameterizedTest
    @ValueSource(strings = {".nan", ".NaN", "NaN", ".inf", "-.inf", "Infinity", "-Infinity", "'NaN'"})
    void aNonFiniteDecimalIsRefused(String value) {
        assertThatThrownBy(() -> fields("id: x\ndie_area_mm2: " + value + "\n").number("die_area_mm2"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("m.yaml:2: die_area_mm2: '")
                .hasMessageContaining("is not a finite number");
    }

    @ParameterizedTest
    @ValueSource(strings = {".nan", "NaN", ".inf", "Infinity"})
    void aNonFiniteWholeNumberIsRefused(String value) {
        assertThatThrownBy(() -> fields("id: x\nlayers: " + value + "\n").integer("layers", 1))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("m.yaml:2: layers: '")
                .hasMessageContaining("is not a finite number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-1e999"})
    void aNumberTooLargeForADoubleIsRefused(String value) {
        assertThatThrownBy(() -> fields("x: " + value + "\n").number("x"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("is not a finite number (too large)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x1F", "1.5f", "2d", "true", "[1, 2]", "{a: 1}", "twenty"})
    void somethingThatIsNotAPlainNumberIsRefusedNamingTheField(String value) {
        assertThatThrownBy(() -> fields("x: " + value + "\n").number("x"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("m.yaml:1: x: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "twenty", "true", "99999999999"})
    void aWholeNumberFieldNamesWhatItGot(String value) {
        assertThatThrownBy(() -> fields("layers: " + value + "\n").integer("layers", 1))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("m.yaml:1: layers: '" + value + "' is ");
    }

    @org.junit.jupiter.api.Test
    void anUnknownFieldSuggestsTheNearestKnownOne() {
        Fields f = fields("year: 2024\ncuont: 2\n");
        f.integer("year", 1);
        f.integer("count", 1);
        assertThatThrownBy(f::finish)
                .isInstanceOf(BadInputException.class)
                .hasMessage("m.yaml:2: cuont: unknown field (did you mean 'count'?); expected one of year, count");
    }
}
