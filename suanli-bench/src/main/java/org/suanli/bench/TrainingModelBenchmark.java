package org.suanli.bench;

import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
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
import org.suanli.hardware.Precision;
import org.suanli.training.AnalyticTrainingModel;
import org.suanli.training.LayoutSpec;
import org.suanli.training.Recompute;
import org.suanli.training.TrainingJob;
import org.suanli.training.TrainingResult;

/**
 * One analytic evaluation of GPT-3 175B on 1024 A100s (tp 8, pp 8, dp 16, micro-batch 2, global
 * batch 1536, full recompute, Megatron-LM 2021): the unit of work the planner repeats millions of
 * times. Target (issue 3): at most 5 us per evaluation on one core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrainingModelBenchmark {
    private TrainingJob job;

    @Setup
    public void setUp() {
        Catalog c = Catalog.builtIn();
        job = LayoutSpec.builder().tp(8).pp(8).microBatch(2).globalBatch(1536).seqLen(2048).recompute(Recompute.FULL)
                .precision(Precision.FP16).framework("megatron-2021").build()
                .job(c.model("gpt3-175b"), c.server("dgx-a100"), 1024, OptionalDouble.of(300e9));
    }

    @Benchmark
    public TrainingResult evaluateGpt3On1024A100() {
        return AnalyticTrainingModel.evaluate(job);
    }
}
