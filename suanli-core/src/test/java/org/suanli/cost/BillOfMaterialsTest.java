package org.suanli.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;

/** The seed's two cost breakdowns come out of the catalog's bills of materials. */
class BillOfMaterialsTest {
    private static final Catalog C = Catalog.builtIn();

    @Test
    void dgxH100SharesMatchTheSeed() {
        // seed: DGX H100 at 268,495 USD, GPUs 72.6%, CPUs 1.9%, memory ~4.2%
        BillOfMaterials b = BillOfMaterials.of(C.server("dgx-h100"), C, "2023-10");
        assertThat(b.totalUsd()).isCloseTo(268_495, within(0.5));
        assertThat(b.categoryShares().get("gpu")).isCloseTo(0.726, within(0.0005));
        assertThat(b.categoryShares().get("cpu")).isCloseTo(0.019, within(0.0005));
        assertThat(b.categoryShares().get("memory")).isCloseTo(0.042, within(0.0005));
    }

    @Test
    void generalServerSharesMatchTheSeed() {
        // seed: 2-socket Sapphire Rapids server at 10,424 USD, CPUs ~17.7%, memory and disks over half
        BillOfMaterials b = BillOfMaterials.of(C.server("general-2s-spr"), C, "2023-10");
        assertThat(b.totalUsd()).isCloseTo(10_424, within(0.5));
        assertThat(b.categoryShares().get("cpu")).isCloseTo(0.177, within(0.0005));
        assertThat(b.categoryShares().get("memory")).isGreaterThan(0.5);
    }

    @Test
    void theBomPriceIsTheSeedsPublishedPrice() {
        assertThat(BillOfMaterials.of(C.server("dgx-h100"), C, "2023-10").totalUsd())
                .isCloseTo(CostModel.serverPriceUsd(C.server("dgx-h100")).getAsDouble(), within(0.5));
    }

    @Test
    void exportRuleVerdictsNameTheControlledParts() {
        BillOfMaterials b = BillOfMaterials.of(C.server("dgx-h100"), C, "2023-10");
        assertThat(b.exportVerdicts()).containsEntry("NVIDIA H100 SXM5 80GB", "3A090.a");
        BillOfMaterials old = BillOfMaterials.of(C.server("dgx-h100"), C, "2022-10");
        assertThat(old.exportVerdicts()).containsEntry("NVIDIA H100 SXM5 80GB", "controlled");
    }

    @Test
    void chineseShareIsZeroForAnAllUsAndKoreanBill() {
        assertThat(BillOfMaterials.of(C.server("dgx-h100"), C, "2023-10").chineseShare()).isZero();
    }
}
