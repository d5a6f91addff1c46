package org.suanli.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: no per-row override anywhere in validation/. A row states the job as its source published it (model,
 * hardware, layout, the software it ran, the figure) and nothing else: no efficiency, fitted constant or framework
 * feature a row could tune. A framework feature (tp_overlap, flash_attention, ...) is set by the preset the row's
 * software names, never by the row. Serving jobs state their deployment as published too (issue 13): two-batch overlap,
 * the speculative method and draft length, the acceptance length and prefix-cache hit rate the source measured — never a
 * per-token acceptance or an expert imbalance the source does not print.
 */
class SuitesAreDataTest {
    /** What a published job states: its layout, batch and lengths, the software it ran, the serving scenario. */
    private static final Set<String> JOB_KEYS = Set.of("tp", "pp", "cp", "ep", "vpp", "micro_batch", "global_batch", "seq_len", "precision",
            "sequence_parallel", "recompute", "distributed_optimizer", "zero", "offload", "framework", "schedule", "ep_a2a_overlap",
            "runtime", "weights", "kv_cache", "batch",
            "input_len", "output_len", "scenario", "max_seqs", "token_budget", "block_tokens", "requests", "input_quantiles",
            "output_quantiles", "output_mean", "two_batch_overlap", "spec_method", "spec_draft_tokens", "spec_acceptance_length",
            "prefix_cache_hit");
    private static final Set<String> ROW_KEYS = Set.of("id", "source", "model", "server", "gpus", "layout", "published", "tokens", "notes",
            "kind", "metric", "status", "reason", "also_published");

    @Test
    void everyRowStatesOnlyTheJobAsPublished() throws Exception {
        File[] suites = new File("../validation").listFiles((d, n) -> n.endsWith(".yaml") && !n.equals("envelope.yaml") && !n.equals("pools.yaml"));
        assertThat(suites).hasSizeGreaterThanOrEqualTo(Validator.SUITES.size());
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        int rows = 0;
        for (File f : suites) {
            Map<String, Object> suite = yaml.readValue(f, new TypeReference<>() { });
            for (Object o : (List<?>) suite.get("rows")) {
                Map<?, ?> row = (Map<?, ?>) o;
                assertThat(ROW_KEYS).as(f.getName() + ": " + row.get("id")).containsAll(keys(row));
                Object layout = row.get("layout");
                if (layout != null) {
                    assertThat(JOB_KEYS).as(f.getName() + ": " + row.get("id") + " layout").containsAll(keys((Map<?, ?>) layout));
                }
                rows++;
            }
        }
        assertThat(rows).isGreaterThan(50);
    }

    @Test
    void noFrameworkFeatureIsAJobKey() {
        // the features a job may override on the command line are exactly the ones a row may not set
        assertThat(JOB_KEYS).doesNotContainAnyElementsOf(org.suanli.software.Framework.FEATURES);
    }

    private static Set<String> keys(Map<?, ?> m) {
        return m.keySet().stream().map(Object::toString).collect(java.util.stream.Collectors.toSet());
    }
}
