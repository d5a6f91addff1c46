package org.suanli.supply;

/**
 * One HBM generation: its bandwidth per stack, GB/s, and the year it reached the market (what that year means, e.g.
 * "first mass production", is in {@code yearMeans}), with the source that states both.
 */
public record HbmGeneration(String generation, double perStackGbPerS, int year, String yearMeans, Sourced source) {
}
