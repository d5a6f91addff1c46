package org.suanli.training;

import java.util.List;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.hardware.Accelerator;
import org.suanli.hardware.Precision;
import org.suanli.hardware.Server;
import org.suanli.software.Framework;
import org.suanli.workload.Model;

/**
 * Every default of a training job that its options leave open, in one place for the command line, the planner and
 * market demand: a global batch of about 4 M tokens, a sequence of the model's length up to 8192, the framework preset
 * of the part's family, bf16 where the part has it.
 */
public final class TrainingDefaults {
    /**
     * Tokens per step of the default global batch: about 4 M, the batch of GPT-3 175B and Llama 2 (Brown et al. 2020
     * table 2.1; Touvron et al. 2023 §2.2).
     */
    public static final double BATCH_TOKENS = 4 * 1024 * 1024;
    /** The longest default sequence; a model with a shorter context trains on its own maximum. */
    public static final int MAX_SEQ_LEN = 8192;
    /** The framework preset of a job that names none, on a part whose family names none either. */
    public static final String FRAMEWORK = "nemo-24.07";
    /**
     * Max/mean expert load when the job does not state it: 1, balanced. An assumption: DeepSeek-V3's auxiliary-loss-free
     * balancing keeps every expert's load near the mean over training (DeepSeek-V3 report §2.1.2 and Figure 9, which shows
     * the load but gives no max/mean figure); a run with a known skew states it (--expert-imbalance).
     */
    public static final double EXPERT_IMBALANCE = 1.0;
    /** The precisions a plan tries when none are named (fp16 only where the part has no bf16: {@code Planner}). */
    public static final List<Precision> PLAN_PRECISIONS = List.of(Precision.BF16, Precision.FP8, Precision.FP16);

    private TrainingDefaults() {
    }

    /** Returns the default sequence length of {@code model}: its own maximum, at most {@link #MAX_SEQ_LEN}. */
    public static int seqLen(Model model) {
        return Math.min(model.maxSeqLen(), MAX_SEQ_LEN);
    }

    /**
     * Returns the global batch, in sequences of {@code seqLen}, nearest to {@link #BATCH_TOKENS} and at least 1: the batch
     * a plan holds fixed so that its layouts compete on equal terms.
     */
    public static int globalBatch(int seqLen) {
        return Math.max(1, (int) Math.round(BATCH_TOKENS / seqLen));
    }

    /**
     * Returns the global batch of a fixed layout: the fewest micro-batches of {@code microBatch} sequences on each of
     * {@code dp} replicas that reach {@link #BATCH_TOKENS}, at least one each.
     */
    public static int globalBatch(int seqLen, int dp, int microBatch) {
        long perRound = (long) dp * microBatch;
        long gb = (long) Math.max(1, Math.ceil(BATCH_TOKENS / seqLen / perRound)) * perRound;
        if (gb > Integer.MAX_VALUE) {
            throw new BadInputException("--global-batch", "the default batch, dp " + dp + " x micro-batch " + microBatch + " = "
                    + perRound + " sequences, is too large", "expected a global batch of at most " + Integer.MAX_VALUE + " sequences");
        }
        return (int) gb;
    }

    /** Returns the id of the framework preset of {@code server}'s part family (the catalog's efficiencies), else {@link #FRAMEWORK}. */
    public static String frameworkId(Server server) {
        return server.accelerator().map(a -> a.efficiency().framework()).orElse(FRAMEWORK);
    }

    /** Returns the framework preset of {@code server}'s part family from {@code catalog}. */
    public static Framework framework(Catalog catalog, Server server) {
        return catalog.framework(frameworkId(server));
    }

    /** Returns the default training precision on {@code part}: bf16 where it publishes a bf16 rate, else fp16. */
    public static Precision precision(Accelerator part) {
        return part.peak(Precision.BF16).isPresent() ? Precision.BF16 : Precision.FP16;
    }
}
