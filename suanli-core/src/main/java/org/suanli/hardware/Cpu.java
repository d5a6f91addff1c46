package org.suanli.hardware;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A server CPU (the host of an AI server, or the whole of a general-purpose one).
 *
 * @param threads hardware threads; empty when the part has no SMT
 */
public record Cpu(String id, String name, String vendor, String country, String isa, int cores,
                  OptionalInt threads, OptionalDouble baseClockHz, OptionalDouble maxClockHz,
                  OptionalDouble tdpW, OptionalDouble l3CacheBytes, Optional<String> memoryType,
                  OptionalInt memoryChannels, OptionalInt maxMemoryMts, OptionalInt pcieGen,
                  OptionalInt pcieLanes, OptionalDouble priceUsd, OptionalInt launchYear,
                  String source, String notes) {
}
