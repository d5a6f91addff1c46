package org.suanli.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The event kernel and its resources, on small graphs worked by hand. */
class SimulationTest {

    private static Task task(String name, Resource r, double amount) {
        return new Task(name, "test", r, amount, Map.of());
    }

    @Test
    void aStreamRunsOneTaskAtATimeInReadyOrder() {
        Simulation sim = new Simulation();
        SerialResource s = new SerialResource("s", 0);
        Task a = sim.submit(task("a", s, 1));
        Task b = sim.submit(task("b", s, 2));
        assertThat(sim.run()).isEqualTo(3.0);
        assertThat(a.end()).isEqualTo(1.0);
        assertThat(b.start()).isEqualTo(1.0);
    }

    @Test
    void dependenciesDelayATaskUntilAllAreDone() {
        Simulation sim = new Simulation();
        SerialResource s1 = new SerialResource("s1", 0);
        SerialResource s2 = new SerialResource("s2", 0);
        SerialResource s3 = new SerialResource("s3", 0);
        Task a = sim.submit(task("a", s1, 1));
        Task b = sim.submit(task("b", s2, 3));
        Task c = sim.submit(task("c", s3, 1).after(a).after(b));
        sim.run();
        assertThat(c.start()).isEqualTo(3.0);
        assertThat(c.end()).isEqualTo(4.0);
    }

    @Test
    void aDependencyOnAFinishedTaskIsAlreadyMet() {
        Simulation sim = new Simulation();
        SerialResource s = new SerialResource("s", 0);
        Task a = sim.submit(task("a", s, 1));
        sim.run();
        Task b = sim.submit(task("b", new SerialResource("t", 0), 1).after(a));
        sim.run();
        assertThat(b.start()).isEqualTo(1.0);
    }

    @Test
    void concurrentTransfersShareALinkEqually() {
        // 100 B/s link: two 100-byte transfers together take 2 s; alone one would take 1 s
        Simulation sim = new Simulation();
        SharedLink link = new SharedLink("l", 0, 100, 0);
        Task a = sim.submit(task("a", link, 100));
        Task b = sim.submit(task("b", link, 100));
        sim.run();
        assertThat(a.end()).isCloseTo(2.0, within(1e-9));
        assertThat(b.end()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void aTransferThatJoinsLaterGetsItsShareFromThen() {
        // a: 200 B alone for 1 s (100 B done), then shares with b (50 B at 50 B/s: 1 s), then 50 B alone (0.5 s)
        Simulation sim = new Simulation();
        SharedLink link = new SharedLink("l", 0, 100, 0);
        SerialResource s = new SerialResource("s", 0);
        Task a = sim.submit(task("a", link, 200));
        Task wait = sim.submit(task("wait", s, 1));
        Task b = sim.submit(task("b", link, 50).after(wait));
        sim.run();
        assertThat(b.end()).isCloseTo(2.0, within(1e-9));
        assertThat(a.end()).isCloseTo(2.5, within(1e-9));
    }

    @Test
    void linkLatencyIsPaidOncePerMessage() {
        Simulation sim = new Simulation();
        SharedLink link = new SharedLink("l", 0, 100, 0.5);
        Task a = sim.submit(task("a", link, 100));
        sim.run();
        assertThat(a.end()).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void aHeldTaskWaitsForRelease() {
        // a rendezvous created before its producer exists: held, then released when the producer finishes at t = 2
        Simulation sim = new Simulation();
        Task gate = sim.submit(task("gate", new Delay("d", 0), 0).hold());
        Task consumer = sim.submit(task("consumer", new SerialResource("c", 0), 1).after(gate));
        Task producer = sim.submit(task("producer", new SerialResource("s", 0), 2));
        producer.onFinish(t -> sim.release(gate));
        sim.run();
        assertThat(consumer.start()).isEqualTo(2.0);
        assertThat(consumer.end()).isEqualTo(3.0);
    }

    @Test
    void equalTimeEventsRunInSubmissionOrder() {
        Simulation sim = new Simulation();
        Delay d = new Delay("d", 0);
        List<String> order = new ArrayList<>();
        sim.observe(new Observer() {
            @Override
            public void finished(Task task, double time) {
                order.add(task.name());
            }
        });
        for (String n : List.of("c", "a", "b")) {
            sim.submit(task(n, d, 1));
        }
        sim.run();
        assertThat(order).containsExactly("c", "a", "b");
    }

    @Test
    void tasksCreatedAsTheRunUnfoldsAreScheduled() {
        Simulation sim = new Simulation();
        SerialResource s = new SerialResource("s", 0);
        int[] created = {0};
        Task first = task("first", s, 1);
        first.onStart(t -> {
            created[0]++;
            sim.submit(task("second", s, 1).after(t));
        });
        sim.submit(first);
        assertThat(sim.run()).isEqualTo(2.0);
        assertThat(created[0]).isEqualTo(1);
    }

    @Test
    void negativeOrInfiniteAmountIsRejected() {
        SerialResource s = new SerialResource("s", 0);
        assertThatThrownBy(() -> task("x", s, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> task("x", s, Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pricedTasksTakeTheirAmountWhenTheyStart() {
        Simulation sim = new Simulation();
        SerialResource s = new SerialResource("s", 0);
        double[] price = {1};
        Task a = sim.submit(task("a", s, 2));
        a.onStart(t -> price[0] = 5);
        Task b = sim.submit(Task.priced("b", "test", s, () -> price[0], Map.of()));
        sim.run();
        assertThat(b.end() - b.start()).isEqualTo(5.0);
    }
}
