package org.suanli.supply;

/**
 * One sourced statement of the supply chain: what it says, where it was read, when, and the words quoted from it,
 * so a report can print the evidence beside a link instead of asserting it.
 */
public record Sourced(String text, String source, String date, String quote) {
}
