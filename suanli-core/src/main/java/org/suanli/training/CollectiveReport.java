package org.suanli.training;

import java.util.LinkedHashMap;
import java.util.Map;
import org.suanli.perf.CollectiveChoice;

/**
 * Which algorithm and network tier a training step's main collectives use, as the model priced them: the
 * data-parallel gradient reduction of the heaviest stage and, with tensor parallelism, one layer's all-reduce.
 */
public final class CollectiveReport {
    private CollectiveReport() {
    }

    /** Returns the choices by parallelism ("dp", "tp"), in that order; a parallelism of size 1 is left out. */
    public static Map<String, CollectiveChoice> of(TrainingJob job) {
        TransformerStepCosts c = new TransformerStepCosts(job, false);
        Layout l = job.layout();
        Map<String, CollectiveChoice> out = new LinkedHashMap<>();
        if (CommCosts.dpGroup(l) > 1) {
            out.put("dp", c.comm().dpChoice(c.maxStageParams()));
        }
        if (l.tp() > 1) {
            double tokens = (double) l.microBatch() * l.seqLen() / l.cp();
            out.put("tp", c.comm().tpChoice(tokens * job.model().hidden() * StepCosts.ACT_BYTES));
        }
        return out;
    }
}
