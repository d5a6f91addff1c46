package org.suanli.bench;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.suanli.catalog.Catalog;
import org.suanli.cost.CostAssumptions;
import org.suanli.hardware.Precision;
import org.suanli.plan.Objective;
import org.suanli.plan.PlanRequest;
import org.suanli.plan.PlanResult;
import org.suanli.plan.Planner;
import org.suanli.plan.SearchSpace;
import org.suanli.training.TrainingDefaults;

/**
 * Whole planner searches on all cores: the Megatron-LM 1T model on 3,072 A100s (384 DGX A100, the
 * search issue 5 compares with Calculon), and Llama 3 70B over every AI server type and cluster size
 * up to 4,096 servers for 2T tokens within 30 days (the README's headline run). Divide the layouts a
 * search evaluates (printed by `suanli plan train`) by its time for layouts per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class PlannerBenchmark {
    private PlanRequest megatron1t;
    private PlanRequest megatron1tWide;
    private PlanRequest llama70Headline;

    @Setup
    public void setUp() {
        Catalog c = Catalog.builtIn();
        megatron1t = new PlanRequest(c.model("megatron-gpt-1t"), List.of(c.server("dgx-a100")), OptionalDouble.of(450e9),
                OptionalInt.of(384), OptionalDouble.empty(), OptionalDouble.empty(), Objective.TIME, 10,
                SearchSpace.full(2048, 3072, List.of(Precision.FP16), c.framework("megatron-2021")), CostAssumptions.defaults(), 384);
        // issue 12: the wide space, a superset of Calculon's search for this job (tp up to 32, micro-batch divisors,
        // offload, overlap) plus the zero-bubble and DualPipe schedules; the target is under 10 s on 2 cores
        megatron1tWide = new PlanRequest(c.model("megatron-gpt-1t"), List.of(c.server("dgx-a100")), OptionalDouble.of(450e9),
                OptionalInt.of(384), OptionalDouble.empty(), OptionalDouble.empty(), Objective.TIME, 10,
                SearchSpace.wide(2048, 3072, List.of(Precision.FP16), s -> c.framework("megatron-2021")), CostAssumptions.defaults(), 384);
        llama70Headline = new PlanRequest(c.model("llama3-70b"),
                c.servers().stream().filter(s -> s.isAiServer()).toList(), OptionalDouble.of(2e12), OptionalInt.empty(),
                OptionalDouble.of(30), OptionalDouble.empty(), Objective.COST, 10,
                // as `plan train` runs it: each server type on its family's default framework preset
                SearchSpace.full(8192, 512, List.of(Precision.BF16, Precision.FP8),
                        s -> TrainingDefaults.framework(c, s)),
                CostAssumptions.defaults(), 4096);
    }

    @Benchmark
    public PlanResult megatron1tOn3072A100() {
        return Planner.plan(megatron1t, n -> { }, new AtomicBoolean());
    }

    @Benchmark
    public PlanResult megatron1tWideOn3072A100() {
        return Planner.plan(megatron1tWide, n -> { }, new AtomicBoolean());
    }

    @Benchmark
    public PlanResult llama3_70bHeadlineSearch() {
        return Planner.plan(llama70Headline, n -> { }, new AtomicBoolean());
    }
}
