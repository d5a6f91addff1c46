package org.suanli.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsTest {

    @Test
    void anErrorNamingTextWithALineBreakStaysOneLine() {
        // jqwik found "\n" as a count: the message echoed the raw line break
        assertThatThrownBy(() -> Units.count("\n")).isInstanceOf(UnitException.class)
                .hasMessageContaining("'\\n' is not a positive count").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Units.bytes("x\u0007\nGiB")).isInstanceOf(UnitException.class)
                .hasMessageContaining("'x\\u0007\\nGiB'").hasMessageNotContaining("\n");
    }

    @Test
    void binaryAndDecimalBytesDiffer() {
        assertThat(Units.bytes("80 GiB")).isEqualTo(80.0 * 1024 * 1024 * 1024);
        assertThat(Units.bytes("80 GB")).isEqualTo(80e9);
        assertThat(Units.bytes("30.72 TB")).isEqualTo(30.72e12, within(1.0));
        assertThat(Units.bytes("2 TiB")).isEqualTo(2.0 * (1L << 40));
    }

    @Test
    void bandwidthAcceptsBytesAndBitsPerSecond() {
        assertThat(Units.bandwidth("3.35 TB/s")).isEqualTo(3.35e12, within(1.0));
        assertThat(Units.bandwidth("900 GB/s")).isEqualTo(900e9);
        // 400 Gb/s InfiniBand NDR = 50 GB/s (hardware.yaml: line rate / 8)
        assertThat(Units.bandwidth("400 Gb/s")).isEqualTo(50e9);
        assertThat(Units.bitRate("400 Gb/s")).isEqualTo(400e9);
        assertThat(Units.bitRate("50 GB/s")).isEqualTo(400e9);
    }

    @ParameterizedTest
    @CsvSource({"989.4 TFLOPS, 9.894e14", "624 TOPS, 6.24e14", "1.4 PFLOPS, 1.4e15", "19.5 TFLOP/s, 1.95e13"})
    void computeRatesParseToOpsPerSecond(String text, double expected) {
        assertThat(Units.compute(text)).isEqualTo(expected, within(expected * 1e-12));
    }

    @Test
    void powerFrequencyTimeAndMoneyParse() {
        assertThat(Units.power("700 W")).isEqualTo(700);
        assertThat(Units.power("10.2 kW")).isEqualTo(10200, within(1e-9));
        assertThat(Units.frequency("2.0 GHz")).isEqualTo(2e9);
        assertThat(Units.time("1.5 us")).isEqualTo(1.5e-6, within(1e-18));
        assertThat(Units.time("30 days")).isEqualTo(30 * 86400.0);
        assertThat(Units.money("268495 USD")).isEqualTo(268495);
        assertThat(Units.money("$10,424")).isEqualTo(10424);
    }

    @Test
    void aSizeIsNotABandwidth() {
        assertThatThrownBy(() -> Units.bandwidth("3.35 TB"))
                .isInstanceOf(UnitException.class)
                .hasMessage("'3.35 TB' is not a bandwidth")
                .extracting(e -> ((UnitException) e).expected()).isEqualTo("expected e.g. '3.35 TB/s'");
    }

    @ParameterizedTest
    @CsvSource({"80 GiB/s, BYTES", "700, POWER", "fast, BANDWIDTH", "989 TFLOPS, BANDWIDTH", "2 GiHz, FREQUENCY",
            "12 parsecs, TIME", "10 EUR, MONEY", "3.35 TB/s, COMPUTE"})
    void wrongOrMissingUnitsAreRejected(String text, Quantity kind) {
        assertThatThrownBy(() -> Units.parse(text, kind))
                .isInstanceOf(UnitException.class)
                .hasMessageContaining("is not " + kind.article());
    }

    @Test
    void emptyValueIsRejected() {
        assertThatThrownBy(() -> Units.bytes(" ")).isInstanceOf(UnitException.class).hasMessage("missing value");
    }

    @Test
    void formattingPicksAReadablePrefix() {
        assertThat(Units.formatBytes(80.0 * (1L << 30))).isEqualTo("80 GiB");
        assertThat(Units.formatBandwidth(3.35e12)).isEqualTo("3.35 TB/s");
        assertThat(Units.formatCompute(9.894e14, "FLOPS")).isEqualTo("989.4 TFLOPS");
        assertThat(Units.formatPower(10200)).isEqualTo("10.2 kW");
        assertThat(Units.formatMoney(268495)).isEqualTo("$268,495");
        assertThat(Units.formatTime(34.2 * 86400)).isEqualTo("34.2 days");
        assertThat(Units.formatBitRate(400e9)).isEqualTo("400 Gb/s");
    }

    @Test
    void formattedValuesParseBack() {
        double v = 1.23456e13;
        assertThat(Units.bandwidth(Units.formatBandwidth(v))).isEqualTo(v, within(v * 1e-3));
    }
}
