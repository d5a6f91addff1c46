package org.suanli.supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;
import org.suanli.hardware.Server;

/** A server's bill by country, the rules on each line, and what a domestic substitute needs. */
class ServerSupplyTest {
    private static final Catalog C = Catalog.builtIn();
    private static final SupplyChain S = SupplyChain.builtIn();

    private static ServerSupply bill(String server, OptionalDouble usd) {
        return ServerSupply.of(C.server(server), C, S, usd, "2023-10");
    }

    @Test
    void dgxH100CountrySharesComeFromTheSeedsBill() {
        ServerSupply b = bill("dgx-h100", OptionalDouble.empty());
        assertThat(b.basis()).isEqualTo("catalog bom");
        // US = (8 x 24,366 + 2 x 2,550.5 + 57,189.2) / 268,495 = 257,218.2 / 268,495; KR = 32 x 352.4 / 268,495
        assertThat(b.countryShares().get("US")).isCloseTo(257_218.2 / 268_495, within(1e-12));
        assertThat(b.countryShares().get("KR")).isCloseTo(11_276.8 / 268_495, within(1e-12));
        assertThat(b.chineseShare().getAsDouble()).isZero();
    }

    @Test
    void aDerivedBillPricesTheHostFromTheSeedsDgxH100() {
        // hgx-h20 at 10,000 USD per H20 (a test input): 8 x 10,000 + 2 x 2,550.5 + 32 x 352.4 (2 TB assumed) + 57,189.2 = 153,567
        ServerSupply b = bill("hgx-h20", OptionalDouble.of(10_000));
        assertThat(b.basis()).isEqualTo("derived");
        assertThat(b.totalUsd().getAsDouble()).isCloseTo(153_567, within(1e-6));
        assertThat(b.countryShares().get("US")).isCloseTo((80_000 + 5_101 + 57_189.2) / 153_567, within(1e-12));
        assertThat(b.countryShares().get("KR")).isCloseTo(11_276.8 / 153_567, within(1e-12));
        assertThat(b.lines()).filteredOn(l -> !l.category().equals("gpu")).allSatisfy(l -> assertThat(l.basis()).isEqualTo("assumed"));
    }

    @Test
    void withoutAnAcceleratorPriceTheSharesAreUnknownNotGuessed() {
        ServerSupply b = bill("hgx-h20", OptionalDouble.empty());
        assertThat(b.totalUsd()).isEmpty();
        assertThat(b.countryShares()).isEmpty();
        assertThat(b.chineseShare()).isEmpty();
        assertThat(b.sharesUnknownBecause().get()).contains("no accelerator price");
    }

    @Test
    void publishedHostMemoryIsCountedInSixtyFourGigabyteDimms() {
        // dgx-a100: 2 TiB host memory = 2048 / 64 = 32 DIMMs
        ServerSupply b = bill("dgx-a100", OptionalDouble.of(10_000));
        assertThat(b.lines()).filteredOn(l -> l.category().equals("memory")).singleElement()
                .satisfies(l -> assertThat(l.count()).isEqualTo(32));
    }

    @Test
    void aRackTakesOnePlatformPerEightAccelerators() {
        // gb200-nvl72: 72 GPUs = 9 platforms of 57,189.2 USD
        ServerSupply b = bill("gb200-nvl72", OptionalDouble.of(1));
        assertThat(b.lines()).filteredOn(l -> l.category().equals("other")).singleElement()
                .satisfies(l -> assertThat(l.count()).isEqualTo(9));
    }

    @Test
    void everyBuiltInServerGetsABill() {
        for (Server s : C.servers()) {
            ServerSupply b = ServerSupply.of(s, C, S, OptionalDouble.of(10_000), "2023-10");
            assertThat(b.countryShares().values().stream().mapToDouble(Double::doubleValue).sum()).as(s.id()).isCloseTo(1, within(1e-9));
        }
    }

    @Test
    void theClosestDomesticPartToH20IsEnflameT20AndItIsMadeByAUsFoundry() {
        // H20: 148 TFLOPS bf16, 4.0 TB/s. T20: |ln(128/148)| + |ln(1.6/4.0)| = 0.145 + 0.916 = 1.061;
        // Ascend 910B: |ln(320/148)| + |ln(1.6/4.0)| = 0.771 + 0.916 = 1.687; 910C: |ln(780/148)| + |ln(3.2/4.0)| = 1.662 + 0.223
        ServerSupply b = bill("hgx-h20", OptionalDouble.of(10_000));
        Substitute gpu = b.substitutes().stream().filter(x -> x.category().equals("gpu")).findFirst().get();
        assertThat(gpu.domesticId()).contains("yunsui-t20");
        assertThat(gpu.gaps().get(0).ratio().getAsDouble()).isCloseTo(128.0 / 148, within(1e-9));
        assertThat(gpu.gaps().get(1).ratio().getAsDouble()).isCloseTo(1.6 / 4.0, within(1e-9));
        assertThat(gpu.gaps()).filteredOn(g -> g.metric().equals("foundry and node")).singleElement()
                .satisfies(g -> assertThat(g.domestic()).isEqualTo("GlobalFoundries 12nm FinFET (US)"));
        assertThat(gpu.rules()).extracting(RuleTouch::rule).contains("2025-04-h20");
        // a 12 nm die from a US foundry is touched by the 2025-01 foundry rule as well as its HBM by 3A090.c
        assertThat(gpu.domesticRules()).extracting(RuleTouch::rule).containsExactly("2024-12-hbm", "2025-01-foundry");
    }

    @Test
    void theDomesticSubstituteForH100IsAscend910c() {
        // bf16 989.4 TFLOPS, 3.35 TB/s: 910C |ln(780/989.4)| + |ln(3.2/3.35)| = 0.238 + 0.046 beats the 910B's
        // |ln(320/989.4)| + |ln(1.6/3.35)| = 1.129 + 0.739
        Substitute gpu = bill("dgx-h100", OptionalDouble.empty()).substitutes().get(0);
        assertThat(gpu.domesticId()).contains("ascend-910c");
        assertThat(gpu.gaps().get(0).ratio().getAsDouble()).isCloseTo(780 / 989.4, within(1e-9));
        assertThat(gpu.domesticRules()).extracting(RuleTouch::rule).contains("2024-12-hbm", "2025-05-gp10");
    }

    @Test
    void anX86HostIsReplacedByAChineseX86Cpu() {
        Substitute cpu = bill("dgx-h100", OptionalDouble.empty()).substitutes().stream().filter(x -> x.category().equals("cpu"))
                .findFirst().get();
        // xeon-8480c is x86 with 56 cores; the Chinese x86 CPUs are hygon-7285 (32) and kh-40000 (32): the first in catalog order
        assertThat(cpu.domesticId()).contains("hygon-7285");
    }

    @Test
    void aServerWithControlledAcceleratorsIsTouchedByFourA090() {
        assertThat(bill("dgx-h100", OptionalDouble.empty()).systemRules()).extracting(RuleTouch::rule).containsExactly("2023-10-4a090");
        assertThat(bill("hgx-h20", OptionalDouble.empty()).systemRules()).isEmpty();
    }

    @Test
    void aDomesticServerHasNoSubstituteForItsChineseLines() {
        ServerSupply b = bill("atlas-800t-a2", OptionalDouble.of(10_000));
        assertThat(b.substitutes()).extracting(Substitute::category).doesNotContain("gpu", "cpu");
        assertThat(b.chineseShare().getAsDouble()).isGreaterThan(0.5);
    }
}
