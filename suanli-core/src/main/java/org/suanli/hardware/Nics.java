package org.suanli.hardware;

/** A server's scale-out network ports: how many, and of which fabric. */
public record Nics(int count, Fabric fabric) {
    public Nics {
        if (count < 1) {
            throw new IllegalArgumentException("nics.count must be at least 1, was " + count);
        }
    }

    /** Returns the server's total scale-out bandwidth in one direction, bytes/s. */
    public double totalBytesPerS() {
        return count * fabric.portBytesPerS();
    }
}
