package org.suanli.hardware;

import java.util.OptionalDouble;

/**
 * A point-to-point link or a device's set of scale-up ports (NVLink, PCIe, HCCS, Infinity Fabric),
 * with its published bandwidth and how that figure is counted.
 *
 * @param kind scale_up (GPU-to-GPU fabric ports), host (CPU-to-device), or p2p (a GPU-pair figure)
 */
public record Link(String id, String name, String kind, double bandwidthBytesPerS, Direction direction,
                   OptionalDouble latencyS, String source, String notes) {

    public Link {
        if (!(bandwidthBytesPerS > 0)) {
            throw new IllegalArgumentException("link " + id + ": bandwidth must be positive, was " + bandwidthBytesPerS);
        }
    }

    /** Returns the bandwidth in one direction, bytes/s. */
    public double perDirectionBytesPerS() {
        return direction == Direction.BIDIRECTIONAL ? bandwidthBytesPerS / 2 : bandwidthBytesPerS;
    }

    /** Returns the sum of both directions, bytes/s (the figure 3A090's I/O test uses). */
    public double bidirectionalBytesPerS() {
        return direction == Direction.BIDIRECTIONAL ? bandwidthBytesPerS : bandwidthBytesPerS * 2;
    }
}
