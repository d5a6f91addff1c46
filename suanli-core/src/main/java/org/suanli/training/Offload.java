package org.suanli.training;

import java.util.Locale;
import java.util.Optional;

/**
 * What a training job keeps in host memory, moved over the host link (PCIe) each step, in the seed's four-step
 * host/GPU flow (copy to the GPU, instruct, compute, copy back): nothing; the optimizer states with the Adam step on
 * the CPU (ZeRO-Offload, Ren et al. USENIX ATC'21); the activations each layer stashes for its backward pass; or both.
 */
public enum Offload {
    NONE, OPTIMIZER, ACTIVATIONS, BOTH;

    /** Returns true when the optimizer states and step live on the host. */
    public boolean optimizer() {
        return this == OPTIMIZER || this == BOTH;
    }

    /** Returns true when stashed activations are copied to the host in forward and back for backward. */
    public boolean activations() {
        return this == ACTIVATIONS || this == BOTH;
    }

    /** Returns the option's name: none, optimizer, activations or both. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the offload named {@code key} (any case), if it is one. */
    public static Optional<Offload> fromKey(String key) {
        for (Offload o : values()) {
            if (o.key().equals(key.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
