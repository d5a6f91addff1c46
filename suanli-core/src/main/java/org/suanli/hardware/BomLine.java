package org.suanli.hardware;

import java.util.Optional;

/**
 * One line of a server's bill of materials: what, how many, at what unit price, and who makes it
 * where (the seed's industry-chain question of domestic substitution).
 *
 * @param category gpu, cpu, memory, storage, network, board (baseboard, NVSwitch, chassis, power) or other
 * @param ref the catalog id of the part, where it has one (an accelerator or CPU)
 */
public record BomLine(String part, String category, int count, double unitPriceUsd, String maker, String country,
                      Optional<String> ref) {
    public BomLine {
        if (count < 1 || !(unitPriceUsd > 0)) {
            throw new IllegalArgumentException("bom line " + part + ": count and unit price must be positive");
        }
    }

    /** Returns count x unit price, USD. */
    public double totalUsd() {
        return count * unitPriceUsd;
    }
}
