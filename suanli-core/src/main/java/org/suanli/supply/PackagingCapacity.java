package org.suanli.supply;

import java.util.OptionalDouble;

/**
 * TSMC CoWoS capacity at the end of a year, wafers per month, as a single figure or a range ({@code high}); {@code kind}
 * says whether it is a plan, an estimate or a target.
 */
public record PackagingCapacity(int year, double wafersPerMonth, OptionalDouble wafersPerMonthHigh, String kind, Sourced source) {
}
