package org.suanli.training;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.suanli.BadInputException;
import org.suanli.workload.Model;

/**
 * A custom pipeline layout in Megatron-Core's {@code pipeline_model_parallel_layout} grammar: which transformer layers
 * (t), the embedding (E), the multi-token-prediction modules (m) and the loss with its output head (L) sit on each
 * virtual pipeline stage, stages separated by '|', {@code x*n} and {@code (...)*n} repeating, commas cosmetic. Stage
 * g of pp x vpp runs on pipeline rank g mod pp as its chunk g / pp, round robin (NVIDIA/Megatron-LM @d98e8a6
 * megatron/core/transformer/pipeline_parallel_layer_layout.py, parse_str_to_list and __init__; transformer_config.py:
 * "Let i = a * pp_size + b, then layout[i] gives ... the a-th vpp stage and the b-th pp stage"). E.g.
 * DeepSeek-V3 on GB300, "Et*4|(t*4|)*14tmL": 16 stages, 61 layers.
 *
 * @param text the layout as given
 * @param stages what each virtual stage holds, in stage order
 */
public record PipelineLayout(String text, List<Stage> stages) {

    /** The longest layout after unrolling the repetitions, characters (Megatron's layouts are a few hundred). */
    static final int MAX_UNROLLED = 100_000;

    /** The where of every error about a layout. */
    static final String WHERE = "--pipeline-layout";

    private static final Pattern GROUP = Pattern.compile("\\(([^)]+)\\)\\*(\\d+)");
    private static final Pattern SINGLE = Pattern.compile("(.)\\*(\\d+)");

    /**
     * One virtual pipeline stage.
     *
     * @param embedding it holds the embedding (E)
     * @param layers its transformer layers (t)
     * @param mtp its multi-token-prediction modules (m)
     * @param loss it holds the output head and loss (L)
     */
    public record Stage(boolean embedding, int layers, int mtp, boolean loss) {
    }

    public PipelineLayout {
        stages = List.copyOf(stages);
    }

    /** Parses {@code text}; a character outside E, t, m, L, '|', ',' and the repetitions is one error naming it. */
    public static PipelineLayout parse(String text) {
        if (text == null || text.isBlank()) {
            throw new BadInputException(WHERE, "empty layout", "expected stages such as 'Et*4|(t*4|)*14tmL'");
        }
        String s = text.trim().replace(",", "");
        s = unroll(GROUP, s, text);
        s = unroll(SINGLE, s, text);
        List<Stage> stages = new ArrayList<>();
        int stage = 0;
        for (String part : s.split("\\|", -1)) {
            boolean e = false;
            boolean l = false;
            int t = 0;
            int m = 0;
            for (char c : part.toCharArray()) {
                switch (c) {
                    case 'E' -> e |= true;
                    case 'L' -> l |= true;
                    case 't' -> t++;
                    case 'm' -> m++;
                    default -> throw new BadInputException(WHERE, "'" + text + "' has '" + c + "' in stage " + stage,
                            "expected E (embedding), t (transformer layer), m (MTP), L (loss), '|' between stages, x*n and (...)*n");
                }
            }
            stages.add(new Stage(e, t, m, l));
            stage++;
        }
        return new PipelineLayout(text.trim(), stages);
    }

    private static String unroll(Pattern p, String s, String text) {
        Matcher mt = p.matcher(s);
        StringBuilder out = new StringBuilder();
        while (mt.find()) {
            int n;
            try {
                n = Integer.parseInt(mt.group(2));
            } catch (NumberFormatException ex) {
                n = Integer.MAX_VALUE;
            }
            if ((long) n * mt.group(1).length() + out.length() + s.length() > MAX_UNROLLED) {
                throw new BadInputException(WHERE, "'" + text + "' unrolls to more than " + MAX_UNROLLED + " characters",
                        "expected a layout of the model's layers");
            }
            mt.appendReplacement(out, Matcher.quoteReplacement(mt.group(1).repeat(n)));
        }
        mt.appendTail(out);
        return out.toString();
    }

    /** Returns the number of virtual stages (pp x vpp when it fits the job). */
    public int chunks() {
        return stages.size();
    }

    /** Returns the transformer layers over all stages. */
    public int layers() {
        return stages.stream().mapToInt(Stage::layers).sum();
    }

    /** Returns virtual stage {@code chunk} of pipeline rank {@code rank} of {@code pp}: stage chunk x pp + rank. */
    public Stage stage(int pp, int rank, int chunk) {
        return stages.get(chunk * pp + rank);
    }

    /** Returns the model index of the first transformer layer of chunk {@code chunk} of rank {@code rank}. */
    public int firstLayer(int pp, int rank, int chunk) {
        int g = chunk * pp + rank;
        int sum = 0;
        for (int i = 0; i < g; i++) {
            sum += stages.get(i).layers();
        }
        return sum;
    }

    /**
     * Why the layout cannot run {@code m} on pp x vpp, naming the place, or null: pp x vpp stages; the embedding exactly
     * once, on the first stage, and the loss exactly once, on the last (Megatron-Core validate_layer_layout); the model's
     * layers and MTP modules; MTP with the loss on the last stage (this model keeps MTP's work with the output head).
     */
    public String problem(Model m, int pp, int vpp) {
        int n = stages.size();
        if (n != pp * vpp) {
            return "pipeline layout '" + text + "' has " + n + " stages, pp " + pp + " x vpp " + vpp + " = " + pp * vpp;
        }
        int embeds = 0;
        int losses = 0;
        int mtp = 0;
        for (Stage s : stages) {
            embeds += s.embedding() ? 1 : 0;
            losses += s.loss() ? 1 : 0;
            mtp += s.mtp();
        }
        if (embeds != 1 || !stages.get(0).embedding()) {
            return "pipeline layout '" + text + "' has the embedding E " + embeds + " times" + (embeds == 1 ? ", not on stage 0" : "")
                    + "; it goes once, on stage 0";
        }
        if (losses != 1 || !stages.get(n - 1).loss()) {
            return "pipeline layout '" + text + "' has the loss L " + losses + " times" + (losses == 1 ? ", not on the last stage " + (n - 1) : "")
                    + "; it goes once, on the last stage";
        }
        if (layers() != m.layers()) {
            return "pipeline layout '" + text + "' holds " + layers() + " transformer layers t, " + m.id() + " has " + m.layers();
        }
        if (mtp != m.mtpDepth()) {
            return "pipeline layout '" + text + "' holds " + mtp + " MTP modules m, " + m.id() + " trains " + m.mtpDepth();
        }
        if (mtp > 0 && stages.get(n - 1).mtp() != mtp) {
            return "pipeline layout '" + text + "' puts MTP modules m off the last stage; they go with the loss L";
        }
        return null;
    }
}
