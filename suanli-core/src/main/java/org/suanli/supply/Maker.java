package org.suanli.supply;

/** A maker of one link of the chain (an HBM maker, a foundry) with its country and status, sourced. */
public record Maker(String name, String country, String status, Sourced source) {
}
