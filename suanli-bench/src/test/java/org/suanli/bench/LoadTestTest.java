package org.suanli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The load harness, briefly (2 s, loopback): no error below the concurrency limit, only clean refusals above it. */
class LoadTestTest {

    @Test
    void clientsWithinTheLimitGetOnlyAnswers() throws Exception {
        List<LoadTest.RouteResult> r = LoadTest.run(6, 2, List.of(new LoadTest.Load("/api/train", LoadTest.TRAIN_BODY, 4),
                new LoadTest.Load("/api/plan/train", LoadTest.PLAN_BODY, 2)));
        for (LoadTest.RouteResult route : r) {
            assertThat(route.requests()).as(route.path()).isPositive();
            assertThat(route.errors()).as(route.path() + " " + route.statuses()).isZero();
        }
    }

    @Test
    void clientsPastTheLimitAreRefusedWith429AndNothingElse() throws Exception {
        LoadTest.RouteResult r = LoadTest.run(1, 2, List.of(new LoadTest.Load("/api/train", LoadTest.TRAIN_BODY, 8))).get(0);
        assertThat(r.statuses().getOrDefault(200, 0L)).isPositive();
        assertThat(r.statuses().getOrDefault(429, 0L)).isPositive();
        assertThat(r.statuses().keySet()).containsOnly(200, 429);
        assertThat(r.transportErrors()).isZero();
    }
}
