package org.suanli.validation;

import java.util.ArrayList;
import java.util.List;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.Kind;
import org.suanli.perf.Efficiency;

/**
 * One end-to-end constant of the catalog, fitted on validation suites (efficiency.yaml, {@code fitted}): a
 * family's {@code e2e} for a training framework preset, or its {@code host_per_layer} or {@code layer_overhead} for a
 * serving runtime. It acts on the rows of that (family, preset) only.
 *
 * @param name e2e, host_per_layer or layer_overhead
 * @param suites the suites whose rows it was fitted on
 */
public record Constant(String family, String preset, String name, double value, List<String> suites) {

    public Constant {
        suites = List.copyOf(suites);
    }

    /** Returns every fitted constant of the catalog. */
    public static List<Constant> all(Catalog catalog) {
        List<Constant> out = new ArrayList<>();
        for (Object o : catalog.all(Kind.EFFICIENCY)) {
            Efficiency e = (Efficiency) o;
            e.fitted().forEach((preset, f) -> out.add(new Constant(e.id(), preset, f.constant(), f.value(), f.suites())));
        }
        return out;
    }

    /** Returns the constants fitted on (among others) the suite called {@code suite}. */
    public static List<Constant> fittedOn(Catalog catalog, String suite) {
        return all(catalog).stream().filter(c -> c.suites().contains(suite)).toList();
    }

    /** Returns true when this constant changes the prediction of a row on {@code rowFamily} and {@code rowPreset}. */
    public boolean actsOn(String rowFamily, String rowPreset) {
        return preset.equals(rowPreset) && family.equals(rowFamily);
    }

    /** Returns a label such as "nvidia-hopper / nemo-24.07 e2e". */
    public String label() {
        return family + " / " + preset + " " + name;
    }
}
