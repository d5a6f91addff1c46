package org.suanli.supply;

import java.util.List;

/**
 * A rule that touches one link of the chain (hbm, foundry, chip or system) besides a chip's own 3A090.a/.b verdict, as
 * recorded in {@code supply/supply-chain.yaml}. It applies either to listed accelerators ({@code ids}) or under a
 * named condition ({@code condition}: hbm_in_cn_package, foundry_outside_cn_at_16nm, system_with_3a090).
 */
public record LinkRule(String id, String link, String name, String condition, List<String> ids, String citation, String quote,
                       String effect) {
    /** The conditions a rule may name. */
    public static final List<String> CONDITIONS = List.of("hbm_in_cn_package", "foundry_outside_cn_at_16nm", "system_with_3a090");

    public LinkRule {
        ids = List.copyOf(ids);
    }
}
