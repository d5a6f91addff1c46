package org.suanli.perf;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The collective algorithms a run may use: each algorithm's needs and figures ({@link AlgorithmSpec}) and the
 * NCCL release each training preset ships (catalog/collectives.yaml, with sources). A preset the table does not
 * list runs rings only, as Suanli modelled every run before this table existed.
 *
 * @param ncclByPreset framework preset id to the NCCL release its software ran ("2.22.3")
 */
public record AlgorithmTable(Map<CollectiveAlgorithm, AlgorithmSpec> specs, Map<String, String> ncclByPreset) {
    public AlgorithmTable {
        specs = Map.copyOf(specs);
        ncclByPreset = Map.copyOf(ncclByPreset);
    }

    /** Returns the spec of {@code a}, if the table describes it. */
    public Optional<AlgorithmSpec> spec(CollectiveAlgorithm a) {
        return Optional.ofNullable(specs.get(a));
    }

    /**
     * Returns the algorithms a run may use: ring always; others when the preset's NCCL has them, the hardware runs
     * them ({@code scaleUpLink} through a switch, a fabric that reduces) and they are enabled by default or named in
     * {@code optIn}.
     *
     * @param scaleUpLink the server's scale-up link id when its GPUs meet in a switch (NVSwitch), else empty
     */
    public Set<CollectiveAlgorithm> usable(String preset, Optional<String> scaleUpLink, boolean fabricReduces, Set<CollectiveAlgorithm> optIn) {
        Set<CollectiveAlgorithm> out = EnumSet.of(CollectiveAlgorithm.RING);
        String nccl = ncclByPreset.get(preset);
        if (nccl == null) {
            return out;
        }
        for (AlgorithmSpec s : specs.values()) {
            boolean hardware = (s.scaleUpLinks().isEmpty() || scaleUpLink.filter(s.scaleUpLinks()::contains).isPresent())
                    && (!s.needsInNetworkReduction() || fabricReduces);
            if (s.inRelease(nccl) && hardware && (s.enabledByDefault() || optIn.contains(s.algorithm()))) {
                out.add(s.algorithm());
            }
        }
        return out;
    }

    /** Returns the figures for tests and tables: a table with the given specs and presets. */
    public static AlgorithmTable of(Map<CollectiveAlgorithm, AlgorithmSpec> specs, Map<String, String> ncclByPreset) {
        return new AlgorithmTable(new EnumMap<>(specs), ncclByPreset);
    }
}
