package org.suanli.hardware;

import java.util.Optional;
import java.util.OptionalDouble;

/** An accelerator's device memory; capacity or bandwidth is empty where the vendor does not publish it. */
public record Memory(Optional<String> type, OptionalDouble capacityBytes, OptionalDouble bandwidthBytesPerS) {
}
