package org.suanli.perf;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one collective algorithm needs and how fast it runs, as published (catalog/collectives.yaml): the NCCL
 * release that brought it, the hardware it needs (NVSwitch generations by scale-up link, in-network reduction
 * in the fabric, one rank per server), its bus-bandwidth factor on the tier it crosses (NCCL's own tuner model)
 * or, for in-switch reduction, the bus bandwidth nccl-tests measure per scale-up link.
 *
 * @param ncclSince the first NCCL release with the algorithm, "2.17"
 * @param scaleUpLinks the scale-up link ids whose switches run it (empty: any)
 * @param needsInNetworkReduction the fabric's switches must reduce (SHARP)
 * @param oneRankPerServer the group must hold one rank per server (PAT)
 * @param busFactor fraction of the tier's collective bandwidth the algorithm's bus bandwidth reaches
 * @param busBytesPerS per scale-up link id, the measured bus bandwidth of an all-reduce inside one server (NVLS)
 * @param enabledByDefault modelled unless the job turns it off; false keeps validated figures where it is not established
 */
public record AlgorithmSpec(CollectiveAlgorithm algorithm, Set<CollectiveAlgorithm.Operation> operations, String ncclSince,
                            List<String> scaleUpLinks, boolean needsInNetworkReduction, boolean oneRankPerServer, double busFactor,
                            Map<String, Double> busBytesPerS, boolean enabledByDefault, String source) {
    public AlgorithmSpec {
        operations = Set.copyOf(operations);
        scaleUpLinks = List.copyOf(scaleUpLinks);
        busBytesPerS = Map.copyOf(busBytesPerS);
        if (!(busFactor > 0 && busFactor <= 1)) {
            throw new IllegalArgumentException("collective " + algorithm.key() + ": bus_factor must lie in (0, 1], was " + busFactor);
        }
    }

    /** Returns true when NCCL release {@code nccl} ("2.21.5") has the algorithm. */
    public boolean inRelease(String nccl) {
        return compare(nccl, ncclSince) >= 0;
    }

    /** Compares two dotted release numbers numerically. */
    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? Integer.parseInt(x[i]) : 0;
            int q = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }
}
