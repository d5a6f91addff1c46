package org.suanli.hardware;

import java.util.OptionalDouble;

/**
 * A scale-out network technology (InfiniBand, RoCE, Ethernet), described per port.
 *
 * @param portBitsPerS line rate of one port in one direction, bits/s
 * @param oversubscription ratio of downlink to uplink bandwidth at the leaf switches (1 = non-blocking fat tree);
 *     traffic between servers gets 1/oversubscription of the NIC rate
 */
public record Fabric(String id, String name, String technology, double portBitsPerS, double oversubscription,
                     OptionalDouble latencyS, String source, String notes) {

    public Fabric {
        if (!(portBitsPerS > 0)) {
            throw new IllegalArgumentException("fabric " + id + ": port rate must be positive");
        }
        if (!(oversubscription >= 1)) {
            throw new IllegalArgumentException("fabric " + id + ": oversubscription must be at least 1, was " + oversubscription);
        }
    }

    /** Returns the line rate of one port in one direction, bytes/s. */
    public double portBytesPerS() {
        return portBitsPerS / 8;
    }
}
