package org.suanli.perf;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The collective algorithms NCCL (and RCCL, which follows it) chooses among, by the names of its {@code NCCL_ALGO}
 * setting (NVIDIA/nccl src/graph/tuning.cc, {@code ncclTopoTuneModel}): ring, double binary tree, NVLink SHARP
 * in-switch reduction (NVLS), InfiniBand SHARP in-network reduction (CollNet) and Parallel Aggregated Trees (PAT,
 * NCCL 2.23+, all-gather and reduce-scatter with one rank per server).
 */
public enum CollectiveAlgorithm {
    RING, TREE, NVLS, COLLNET, PAT;

    /** Returns the catalog and JSON name, e.g. "nvls". */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the algorithm named {@code key} ("ring", "tree", "nvls", "collnet", "pat"). */
    public static Optional<CollectiveAlgorithm> parse(String key) {
        return Arrays.stream(values()).filter(a -> a.key().equalsIgnoreCase(key)).findFirst();
    }

    /** The collectives an algorithm may run. */
    public enum Operation {
        ALL_REDUCE, ALL_GATHER;

        /** Returns the catalog name: all_reduce, or all_gather (which stands for reduce-scatter too: the same traffic). */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
