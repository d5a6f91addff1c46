package org.suanli.bench;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.suanli.catalog.Catalog;
import org.suanli.sim.Simulation;
import org.suanli.sim.SerialResource;
import org.suanli.sim.Task;
import org.suanli.training.EventTrainingModel;
import org.suanli.training.LayoutSpec;
import org.suanli.training.TrainingJob;

/**
 * The discrete-event engine alone, on a synthetic chain-and-fan-out graph (each link of a chain
 * fans out to four tasks on four other streams), reported as events per second; and one
 * simulated training step of Llama 3 405B on 16,384 H100s (tp 8, pp 16, dp 128). Targets (issue 4):
 * at least 5 million events per second on one core; the 405B step in under one second.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineBenchmark {
    /** Chain length of the synthetic graph. */
    static final int CHAIN = 20_000;
    static final int FAN = 4;
    /** Events one run of the synthetic graph processes: each of its tasks is made ready once and finishes once. */
    static final int EVENTS = 2 * CHAIN * (1 + FAN);

    private TrainingJob llama405;

    @Setup
    public void setUp() {
        Catalog c = Catalog.builtIn();
        llama405 = LayoutSpec.builder().tp(8).pp(16).globalBatch(2048).seqLen(8192).build()
                .job(c.model("llama3-405b"), c.server("dgx-h100"), 16384, OptionalDouble.empty());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(EVENTS)
    public long chainAndFanOut() {
        Simulation sim = new Simulation();
        SerialResource chain = new SerialResource("chain", 0);
        SerialResource[] fan = new SerialResource[FAN];
        for (int j = 0; j < FAN; j++) {
            fan[j] = new SerialResource("fan" + j, 0);
        }
        Map<String, Object> none = Map.of();
        Task previous = null;
        for (int i = 0; i < CHAIN; i++) {
            Task link = new Task("link", "bench", chain, 1e-6, none).after(previous);
            sim.submit(link);
            for (int j = 0; j < FAN; j++) {
                sim.submit(new Task("leaf", "bench", fan[j], 3e-6, none).after(link));
            }
            previous = link;
        }
        sim.run();
        return sim.events();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public EventTrainingModel.Run llama3_405bStepOn16384Gpus() {
        return EventTrainingModel.simulate(llama405);
    }
}
