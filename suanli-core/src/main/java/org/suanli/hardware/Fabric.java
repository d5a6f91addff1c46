package org.suanli.hardware;

import java.util.OptionalDouble;

/**
 * A scale-out network technology (InfiniBand, RoCE, Ethernet), described per port.
 *
 * @param portBitsPerS line rate of one port in one direction, bits/s
 */
public record Fabric(String id, String name, String technology, double portBitsPerS, OptionalDouble latencyS,
                     String source, String notes) {

    public Fabric {
        if (!(portBitsPerS > 0)) {
            throw new IllegalArgumentException("fabric " + id + ": port rate must be positive");
        }
    }

    /** Returns the line rate of one port in one direction, bytes/s. */
    public double portBytesPerS() {
        return portBitsPerS / 8;
    }
}
