package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Arbitrary values in the numeric and id options of the fast commands: each run answers (exit 0) or refuses in one line
 * with exit 2 (usage) or 3 (bad input); never an internal error (exit 1), a stack trace or more than one error line.
 */
class OptionFuzzPropertiesTest {
    private static final List<String> TEMPLATES = List.of(
            "cost --server dgx-h100 --servers %s --days %s",
            "cost --server %s --pue %s",
            "train --model llama2-7b --server dgx-h100 --gpus %s --tp %s --json",
            "train --model llama2-7b --server dgx-h100 --gpus 64 --pp %s --micro-batch %s --vpp 2",
            "train --model %s --server dgx-h100 --gpus 8 --seq-len %s",
            "infer --model llama2-7b --server dgx-h100 --gpus 8 --input-len %s --output-len %s",
            "infer --model llama2-7b --server dgx-h100 --gpus 8 --input-len 128 --output-len 16 --batch %s --tp %s",
            "classify %s --rule %s",
            "market project china-ai-server-sales-usd --to %s --cagr %s",
            "catalog show %s --json");

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.of("0", "-1", "1", "8", "NaN", "Infinity", "-Infinity", "1e309", "4e9", "2147483648", "0x10", "1_000", "",
                        " ", "1T", "3.5", "1e-300", "99999999999999999999", "--json", "-", "%n", "h100-sxm", "dgx-h100", "llama2-7b",
                        "2026-01", "all"),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.strings().ofMaxLength(12));
    }

    @Property(tries = 300)
    void everyValueIsAnsweredOrRefusedInOneLine(@ForAll("templateIndex") int template, @ForAll("values") String a, @ForAll("values") String b) {
        String[] words = TEMPLATES.get(template).split(" ");
        List<String> args = new ArrayList<>();
        int slot = 0;
        for (String w : words) {
            args.add(w.equals("%s") ? (slot++ == 0 ? a : b) : w);
        }
        CliTest.Result r = CliTest.run(args.toArray(String[]::new));
        assertThat(r.code()).as("exit code of %s: %s", args, r.err()).isIn(0, 2, 3);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        if (r.code() != 0) {
            assertThat(r.err().strip().lines()).as("stderr of %s", args).hasSize(1);
            assertThat(r.err()).startsWith("error: ");
        }
    }

    @Provide
    Arbitrary<Integer> templateIndex() {
        return Arbitraries.integers().between(0, TEMPLATES.size() - 1);
    }
}
