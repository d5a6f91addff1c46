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
import org.suanli.inference.InferenceModel;
import org.suanli.inference.Replica;
import org.suanli.inference.ServingSimulation;
import org.suanli.inference.RequestLoad;

/**
 * One million requests of Llama 3 70B served by four tp-2 H100 replicas at 12 requests/s (lognormal
 * lengths, 1,024 in / 256 out on average): the serving simulation's unit of work for capacity
 * planning. Target (issue 6): under 10 s on one core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-XX:ActiveProcessorCount=1")
public class ServingBenchmark {
    private InferenceModel model;
    private RequestLoad workload;

    @Setup
    public void setUp() {
        Catalog c = Catalog.builtIn();
        model = new InferenceModel(new Replica(c.model("llama3-70b"), c.server("dgx-h100"), 2, 1, Precision.FP8, Precision.FP8));
        workload = new RequestLoad(12, 1, RequestLoad.Lengths.lognormal(1024, 0.5), RequestLoad.Lengths.lognormal(256, 0.5), 1);
    }

    @Benchmark
    public ServingSimulation.Report millionRequestsOfLlama3_70b() {
        return ServingSimulation.run(model, 4, workload, 1_000_000, ServingSimulation.Config.defaults(), OptionalDouble.of(2),
                OptionalDouble.of(0.1));
    }
}
