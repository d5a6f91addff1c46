package org.suanli.supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.Kind;

/** The industry chain as data: each link sourced, and joined with the catalog's vendor, process and memory type. */
class SupplyChainTest {
    private static final Catalog C = Catalog.builtIn();
    private static final SupplyChain S = SupplyChain.builtIn();

    @Test
    void hbmGenerationsCarryTheirPublishedBandwidthPerStack() {
        // JEDEC JESD238: "up to 6.4 Gb/s, equivalent to 819 GB/s per device"; JESD270-4: "up to 2 TB/s"
        assertThat(S.hbmGeneration("HBM3").get().perStackGbPerS()).isEqualTo(819);
        assertThat(S.hbmGeneration("HBM4").get().perStackGbPerS()).isEqualTo(2000);
        assertThat(S.hbmGenerations()).extracting(HbmGeneration::generation).containsExactly("HBM2", "HBM2E", "HBM3", "HBM3E", "HBM4");
    }

    @Test
    void everyFigureCitesASourceAndAQuote() {
        S.hbmGenerations().forEach(g -> assertThat(g.source().quote()).as(g.generation()).isNotBlank());
        S.hbmMakers().forEach(m -> assertThat(m.source().quote()).as(m.name()).isNotBlank());
        S.packagingCapacity().forEach(c -> assertThat(c.source().quote()).as("" + c.year()).isNotBlank());
        S.chips().forEach((id, d) -> d.hbmMakers().forEach(m -> assertThat(m.source().quote()).as(id).isNotBlank()));
    }

    @Test
    void everyChipEntryNamesACatalogAccelerator() {
        S.chips().keySet().forEach(id -> assertThat(C.find(Kind.ACCELERATOR, id)).as(id).isPresent());
    }

    @Test
    void cowosCapacityRowsMatchTheMarketActuals() {
        // docs/measurements/market-actuals.yaml: 2024 "35,000 to 40,000 wafers", 2025 "75,000–80,000 wafers"
        assertThat(S.packagingCapacity()).filteredOn(c -> c.year() == 2024).singleElement()
                .satisfies(c -> assertThat(c.wafersPerMonthHigh().getAsDouble()).isEqualTo(40000));
        assertThat(S.packagingCapacity()).filteredOn(c -> c.year() == 2025).singleElement()
                .satisfies(c -> assertThat(c.wafersPerMonth()).isEqualTo(75000));
    }

    @Test
    void theProcessFieldSplitsIntoFoundryAndNode() {
        assertThat(Foundry.parse(Optional.of("TSMC 4N"))).isEqualTo(new Foundry(Optional.of("TSMC"), "4N", java.util.OptionalDouble.of(4)));
        assertThat(Foundry.parse(Optional.of("SMIC 7nm-class (N+2)")).foundry()).contains("SMIC");
        assertThat(Foundry.parse(Optional.of("TSMC N3P XCD")).nodeNm().getAsDouble()).isEqualTo(3);
        assertThat(Foundry.parse(Optional.of("7nm")).foundry()).isEmpty();
        assertThat(Foundry.parse(Optional.empty()).node()).isEqualTo("not published");
    }

    @Test
    void h100IsUsDesignedTsmcMadeCowosPackagedWithKoreanHbm() {
        ChipChain c = S.chain(C.accelerator("h100-sxm"), "2023-10");
        assertThat(c.designerCountry()).isEqualTo("US");
        assertThat(c.foundry()).contains("TSMC");
        assertThat(c.foundryCountry()).contains("TW");
        assertThat(c.packaging().get().text()).isEqualTo("TSMC CoWoS-S");
        assertThat(c.hbmGeneration()).contains("HBM3");
        assertThat(c.hbmMakers()).extracting(Maker::country).containsExactly("KR");
    }

    @Test
    void h100RulesTouchTheChipAndTheFoundry() {
        ChipChain c = S.chain(C.accelerator("h100-sxm"), "2023-10");
        assertThat(c.rules()).anySatisfy(r -> {
            assertThat(r.link()).isEqualTo("chip");
            assertThat(r.verdict()).isEqualTo("3A090.a");
        });
        // TSMC 4N is below 16/14 nm and made outside China: the 2025-01 foundry due-diligence rule
        assertThat(c.rules()).extracting(RuleTouch::rule).contains("2025-01-foundry").doesNotContain("2024-12-hbm");
    }

    @Test
    void ascend910bChainIsDomesticExceptHbm() {
        ChipChain c = S.chain(C.accelerator("ascend-910b"), "2023-10");
        assertThat(c.foreignOrUnknownLinks()).extracting(ChipChain.Link::link).containsExactly("hbm");
        assertThat(c.foundry()).contains("SMIC");
        // its HBM must come from outside (not published here) and the 3A090.c rule stops bare HBM reaching China
        assertThat(c.rules()).extracting(RuleTouch::rule).contains("2024-12-hbm", "2025-05-gp10").doesNotContain("2025-01-foundry");
    }

    @Test
    void ascend910cHbmCameFromKoreanMakersInTheTeardown() {
        ChipChain c = S.chain(C.accelerator("ascend-910c"), "2023-10");
        assertThat(c.hbmMakers()).extracting(Maker::name).containsExactly("Samsung", "SK hynix");
        assertThat(c.hbmSummary()).endsWith("[KR]");
    }

    @Test
    void aPartWithoutAPublishedFoundryHasAnUnknownFoundryLink() {
        ChipChain c = S.chain(C.accelerator("mlu370"), "2023-10");
        assertThat(c.links()).filteredOn(l -> l.link().equals("foundry")).singleElement()
                .satisfies(l -> assertThat(l.country()).isEqualTo("unknown"));
    }

    @Test
    void anUnknownHbmMakerInTheFileIsOneLineNamingIt() {
        String yaml = "hbm_makers: [{name: SK hynix, country: KR, source: x}]\nchips: [{id: h20, hbm_makers: [{maker: Hynix, source: y}]}]\n";
        assertThatThrownBy(() -> SupplyChain.parse(yaml, "f.yaml")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("f.yaml: chips h20.hbm_makers").hasMessageContaining("Hynix");
    }

    @Test
    void aLinkRuleWithAnUnknownConditionIsRefused() {
        String yaml = "link_rules: [{id: r, link: hbm, applies: everything, citation: c}]\n";
        assertThatThrownBy(() -> SupplyChain.parse(yaml, "f.yaml")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("applies is 'everything'");
    }
}
