package org.suanli.cli;

import org.suanli.input.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.ModelResolver;
import org.suanli.hardware.Precision;
import org.suanli.hardware.Server;
import org.suanli.plan.Objective;
import org.suanli.plan.PlanRequest;
import org.suanli.plan.PlanResult;
import org.suanli.plan.Planner;
import org.suanli.plan.SearchSpace;
import org.suanli.report.json.PlanJson;
import org.suanli.software.Framework;
import org.suanli.training.Layout;
import org.suanli.training.LayoutSpec;
import org.suanli.training.TrainingDefaults;
import org.suanli.workload.Model;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code suanli plan train}: the best layouts and cluster sizes for a training job. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Search every valid layout x cluster size x server type for a training job; rank by time, cost or energy "
                + "(with --tokens, time and cost expected with failures and restarts).")
final class PlanTrainCommand implements Runnable {
    @Mixin
    CommonOptions common;

    @Mixin
    CostOptions costOptions;

    @Option(names = "--model", required = true, paramLabel = "M", description = "Model id or file.")
    String model;

    @Option(names = "--tokens", paramLabel = "T", description = "Training tokens, e.g. 2T (needed with --days and --budget).")
    String tokens;

    static final class Mode {
        @Option(names = "--servers", paramLabel = "N", description = "Best layout on exactly N servers, 1 to 65,536.")
        Integer servers;

        @Option(names = "--days", paramLabel = "D", description = "Smallest/cheapest cluster that trains --tokens within D days, expected with failures, "
                + "above 0 and at most 36,525.")
        Double days;

        @Option(names = "--budget", paramLabel = "USD", description = "Fastest plan whose cost stays within USD.")
        String budget;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Option(names = "--server", paramLabel = "S", description = "Server type to consider (repeatable; default: every AI server in the catalog).")
    List<String> serverIds = new ArrayList<>();

    @Option(names = "--objective", description = "time, cost or energy (default: time; cost with --days).")
    String objective;

    @Option(names = "--space", defaultValue = "standard", description = "standard (default: tp within the scale-up domain, "
            + "micro-batches 1-16, no offload) or wide (also tp up to 32 across servers, every micro-batch that divides the local "
            + "batch, optimizer/activation offload where a layout does not fit, overlapped gradient reduction, ZB-H1 and DualPipe: "
            + "Calculon's search dimensions but weight offload).")
    String space;

    @Option(names = "--top", defaultValue = "10", description = "How many plans to list, 1 to 1,000 (default 10).")
    int top;

    @Option(names = "--seq-len", description = "Sequence length, 1 to 16,777,216 (default: the model's, at most 8192).")
    Integer seqLen;

    @Option(names = "--global-batch", description = "Sequences per step, 1 to 16,777,216 (default: about 4M tokens).")
    Integer globalBatch;

    @Option(names = "--precision", split = ",", description = "Precisions to try (default bf16 and fp8 where the part has them, fp16 where it has no bf16).")
    List<String> precisions;

    @Option(names = "--framework", description = "Training framework preset for every server type (catalog list --kind framework); "
            + "default: each part's family's (nemo-24.07 on NVIDIA, rocm-megatron on AMD, mindspeed on Ascend, ...).")
    String framework;

    @Mixin
    GoodputOptions goodputOptions;

    @Option(names = "--max-servers", defaultValue = "4096", description = "Largest cluster to consider with --days or --budget, 1 to 65,536 (default 4096).")
    int maxServers;

    @Option(names = "--max-candidates", paramLabel = "N", defaultValue = "100000000",
            description = "Ceiling on the layouts searched, counted before the search starts; 1 to 2,000,000,000 "
                    + "(default 100,000,000: a few minutes on 2 cores).")
    long maxCandidates;

    /** Largest cluster the planner searches, servers: sizes are int products of servers and GPUs per server. */
    static final int MAX_PLAN_SERVERS = 65_536;

    @Override
    public void run() {
        common.checkFormat();
        Check.count("--top", top, 1, 1000);
        Check.count("--servers", mode.servers, 1, MAX_PLAN_SERVERS);
        if (mode.days != null) {
            Check.positive("--days", mode.days, Check.MAX_DAYS);
        }
        Check.count("--seq-len", seqLen, 1, Check.MAX_TOKENS);
        Check.count("--global-batch", globalBatch, 1, 16_777_216);
        Check.count("--max-servers", maxServers, 1, MAX_PLAN_SERVERS);
        Check.count("--max-candidates", maxCandidates, 1, 2_000_000_000L);
        costOptions.check();
        goodputOptions.check(tokens);
        Catalog catalog = common.catalog();
        Model m = ModelResolver.resolve(catalog, model);
        OptionalDouble budgetTokens = CommonOptions.tokens(tokens);
        if ((mode.days != null || mode.budget != null) && budgetTokens.isEmpty()) {
            throw new UsageException("--days and --budget need --tokens; expected e.g. --tokens 2T");
        }
        java.util.function.Function<Server, Framework> fw = framework != null ? fixed(catalog.framework(framework))
                : s -> TrainingDefaults.framework(catalog, s);
        List<Server> servers = CommonOptions.aiServers(catalog, serverIds);
        Objective obj = objective != null ? parseObjective(objective) : mode.days != null ? Objective.COST : Objective.TIME;
        int seq = seqLen != null ? seqLen : TrainingDefaults.seqLen(m);
        int gb = globalBatch != null ? globalBatch : TrainingDefaults.globalBatch(seq);
        List<Precision> prec = precisions != null ? precisions.stream().map(LayoutSpec::trainingPrecision).toList()
                : TrainingDefaults.PLAN_PRECISIONS;
        OptionalDouble budget = OptionalDouble.empty();
        if (!List.of("standard", "wide").contains(space)) {
            throw new BadInputException("--space " + space, "unknown search space", "expected standard or wide");
        }
        if (mode.budget != null) {
            budget = OptionalDouble.of(CommonOptions.money("--budget", mode.budget));
        }
        PlanRequest req = new PlanRequest(m, servers, budgetTokens,
                mode.servers != null ? OptionalInt.of(mode.servers) : OptionalInt.empty(),
                mode.days != null ? OptionalDouble.of(mode.days) : OptionalDouble.empty(), budget, obj, top,
                searchSpace(seq, gb, prec, fw), costOptions.assumptions(), maxServers,
                budgetTokens.isPresent() ? Optional.of(goodputOptions.assumptions()) : Optional.empty());
        long candidates = Planner.candidateBound(req);
        if (candidates > maxCandidates) {
            throw new BadInputException("plan train", String.format(Locale.ROOT, "the search would evaluate up to %,d layouts, over the "
                    + "ceiling of %,d", candidates, maxCandidates), "expected fewer --server types, a smaller --max-servers or fewer "
                    + "--precision values, or raise the ceiling with --max-candidates");
        }
        AtomicBoolean cancel = new AtomicBoolean();
        CountDownLatch printed = new CountDownLatch(1);
        // Ctrl-C: stop the search, print the best found so far, then let the JVM exit
        Thread hook = new Thread(() -> {
            cancel.set(true);
            try {
                printed.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            PlanResult result = runWithProgress(req, cancel);
            common.render(() -> PlanJson.of(catalog, req, result), () -> PlanReport.table(catalog, req, result).toCsv(),
                    () -> PlanReport.text(catalog, req, result));
        } finally {
            printed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down: the hook is running and has seen the print
            }
        }
    }

    private static Objective parseObjective(String s) {
        try {
            return Objective.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--objective", "'" + s + "' is not an objective", "expected time, cost or energy");
        }
    }

    /** Runs the planner with a progress bar on a terminal (none when piped or with --json/--csv). */
    private PlanResult runWithProgress(PlanRequest req, AtomicBoolean cancel) {
        boolean bar = System.console() != null && common.format() == OutputFormat.TABLE;
        try (ProgressBar pb = bar ? new ProgressBarBuilder().setTaskName("planning").setStyle(ProgressBarStyle.ASCII)
                .setInitialMax(-1).setUnit(" layouts", 1).continuousUpdate().setConsumer(
                        new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build() : null) {
            LongConsumer progress = pb == null ? n -> { } : pb::stepTo;
            return Planner.plan(req, progress, cancel);
        }
    }

    static String layoutText(Layout l) {
        return "tp" + l.tp() + " pp" + l.pp() + (l.vpp() > 1 ? " v" + l.vpp() : "") + (l.cp() > 1 ? " cp" + l.cp() : "")
                + (l.ep() > 1 ? " ep" + l.ep() : "") + " dp" + l.dp() + " mb" + l.microBatch() + " z" + l.zero() + " "
                + l.recompute().name().toLowerCase(Locale.ROOT) + " " + l.precision().key()
                + (l.schedule() != org.suanli.training.PipelineSchedule.defaultFor(l.vpp()) ? " " + l.schedule().key() : "")
                + (l.offload() != org.suanli.training.Offload.NONE ? " offload:" + l.offload().key() : "")
                + (l.framework().dpOverlap() && l.framework().overridden().contains("dp_overlap") ? " dp-overlap" : "");
    }

    private static java.util.function.Function<Server, Framework> fixed(Framework f) {
        return s -> f;
    }

    private SearchSpace searchSpace(int seq, int gb, List<Precision> prec, java.util.function.Function<Server, Framework> fw) {
        return space.equals("wide") ? SearchSpace.wide(seq, gb, prec, fw) : SearchSpace.full(seq, gb, prec, fw);
    }
}
