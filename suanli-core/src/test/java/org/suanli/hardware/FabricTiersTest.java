package org.suanli.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;

/** Multi-tier fabrics: which tier a group spanning some servers needs, and the oversubscription it meets on the way up. */
class FabricTiersTest {
    private static final Fabric SUPERPOD = Catalog.builtIn().fabric("ib-ndr-superpod");

    @Test
    void aGroupInsideOneScalableUnitStaysOnItsRailLeaf() {
        // DGX SuperPOD RA: a scalable unit is 32 DGX H100; rank i of all 32 meets at rail leaf i
        assertThat(SUPERPOD.tierFor(32).name()).isEqualTo("rail-leaf");
    }

    @Test
    void aGroupOfThirtyThreeServersCrossesTheSpine() {
        assertThat(SUPERPOD.tierFor(33).name()).isEqualTo("spine");
        assertThat(SUPERPOD.tierFor(128).name()).isEqualTo("spine");
    }

    @Test
    void aGroupBeyondFourScalableUnitsCrossesTheCore() {
        assertThat(SUPERPOD.tierFor(129).name()).isEqualTo("core");
    }

    @Test
    void theSpineRatioAppliesOnlyToGroupsThatCrossIt() {
        Fabric twoToOne = SUPERPOD.withOversubscription(2);
        assertThat(twoToOne.oversubscriptionFor(32)).isEqualTo(1.0);
        assertThat(twoToOne.oversubscriptionFor(64)).isEqualTo(2.0);
        assertThat(twoToOne.id()).isEqualTo("ib-ndr-superpod@2:1");
    }

    @Test
    void aOneTierFabricKeepsItsSingleFigureForEverySpan() {
        Fabric f = new Fabric("x", "x", "infiniband", 400e9, 3, java.util.OptionalDouble.empty(), "s", "");
        assertThat(f.oversubscriptionFor(1)).isEqualTo(3.0);
        assertThat(f.oversubscriptionFor(100_000)).isEqualTo(3.0);
        assertThat(f.tiers()).hasSize(1);
    }

    @Test
    void everyBuiltInSingleFigureFabricIsOneNonBlockingTier() {
        for (String id : new String[] {"ib-edr", "ib-hdr", "ib-ndr", "ib-xdr", "roce-100g", "roce-200g", "roce-400g"}) {
            Fabric f = Catalog.builtIn().fabric(id);
            assertThat(f.tiers()).as(id).hasSize(1);
            assertThat(f.oversubscription()).as(id).isEqualTo(1.0);
        }
    }

    @Test
    void metaAiZoneMeetsItsAssumedAggregationRatioOnlyAcrossZones() {
        Fabric meta = Catalog.builtIn().fabric("roce-400g-meta-aizone");
        assertThat(meta.oversubscriptionFor(384)).isEqualTo(1.0);
        assertThat(meta.oversubscriptionFor(385)).isEqualTo(2.0);
    }
}
