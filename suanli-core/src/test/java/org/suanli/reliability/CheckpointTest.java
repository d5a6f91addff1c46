package org.suanli.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;
import org.suanli.workload.Model;

class CheckpointTest {
    @Test
    void seventyBillionParameterModelCheckpointsFourteenBytesEach() {
        Model m = Catalog.builtIn().model("llama3-70b");
        // Llama 3 70B has 70.6 G parameters: 70.6 G · 14 bytes ≈ 988 GB
        assertEquals(14 * m.totalParams(), Checkpoint.bytes(m), 1);
        assertEquals(988e9, Checkpoint.bytes(m), 5e9);
    }
}
