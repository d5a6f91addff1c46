package org.suanli.hardware;

/**
 * How a published link bandwidth is counted: NVIDIA quotes NVLink as the sum of both directions
 * ("900 GB/s" = 450 each way), PCIe tables usually per direction. Catalog entries say which.
 */
public enum Direction {
    BIDIRECTIONAL, PER_DIRECTION
}
