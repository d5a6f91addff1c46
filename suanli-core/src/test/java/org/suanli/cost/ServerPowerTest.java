package org.suanli.cost;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;

class ServerPowerTest {

    @Test
    void aPublishedSystemPowerIsUsedAsPublished() {
        CostModel.Power p = CostModel.serverPower(Catalog.builtIn().server("dgx-h100"));
        assertThat(p.basis()).isEqualTo("published");
        assertThat(p.watts()).isEqualTo(10_200);
    }

    @Test
    void aMissingTdpIsAnAssumptionThatNamesThePartAndTheRule() {
        CostModel.Power p = CostModel.serverPower(Catalog.builtIn().server("hgx-h800"));
        assertThat(p.basis()).isEqualTo("assumed");
        assertThat(p.rule()).contains("h800-sxm TDP not published, 400 W assumed").contains("x 1.25");
        assertThat(p.watts()).isEqualTo(CostModel.serverPowerW(Catalog.builtIn().server("hgx-h800")));
    }
}
