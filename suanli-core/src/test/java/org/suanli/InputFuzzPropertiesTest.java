package org.suanli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.function.Executable;
import org.suanli.catalog.HuggingFaceConfig;
import org.suanli.catalog.Node;
import org.suanli.catalog.TreeReader;
import org.suanli.inference.TraceFile;
import org.suanli.units.Quantity;
import org.suanli.units.UnitException;
import org.suanli.units.Units;

/**
 * Fuzzes every reader of user input (the units parser, the YAML and JSON reader, the trace CSV reader and the
 * Hugging Face config importer): whatever the text, the only exceptions that escape are BadInputException and
 * UnitException (one clear line for the user), and each call returns quickly.
 */
class InputFuzzPropertiesTest {
    private static final Duration FAST = Duration.ofSeconds(2);

    private static void onlyCleanErrors(Executable call) {
        Assertions.assertTimeoutPreemptively(FAST, () -> {
            try {
                call.execute();
            } catch (BadInputException | UnitException expected) {
                assertThat(expected.getMessage()).isNotBlank().doesNotContain("\n");
            }
        });
    }

    private static Arbitrary<String> joined(List<String> pieces, int max) {
        return Arbitraries.of(pieces).list().ofMaxSize(max).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> unitText() {
        Arbitrary<String> tokens = joined(List.of("0", "1", "9", ".", "e", "E", "-", "+", " ", "k", "M", "G", "T", "P", "B", "b", "i", "/s",
                "W", "Hz", "$", ",", "_", "NaN", "Infinity", "1e308", "1e999", "TFLOPS", "TB/s", "ms", "days", "\t", "µ", "%"), 12);
        Arbitrary<String> longText = Arbitraries.strings().withChars("1 x.eT").ofMinLength(90).ofMaxLength(20_000);
        return Arbitraries.oneOf(tokens, Arbitraries.strings().ofMaxLength(40), longText);
    }

    @Property(tries = 400)
    void unitsParserThrowsOnlyUnitErrors(@ForAll("unitText") String text, @ForAll Quantity kind) {
        onlyCleanErrors(() -> {
            double v = Units.parse(text, kind);
            assertThat(Double.isFinite(v)).as(text).isTrue();
        });
        onlyCleanErrors(() -> Units.count(text));
    }

    @Provide
    Arbitrary<String> yamlText() {
        Arbitrary<String> tokens = joined(List.of("a", "b", ":", ": ", " ", "  ", "\n", "- ", "[", "]", "{", "}", ",", "&x ", "*x", "!!float ",
                "!!binary ", "'", "\"", ".nan", ".inf", "1e999", "---\n", "...\n", "#", "|\n", ">\n", "? ", "\t", "%YAML 1.2\n", "<<: ",
                "~", "null", "true", "0x1F", "12", "-3.5", "\\", "\u00e9", "\ufeff", "\u0000"), 30);
        return Arbitraries.oneOf(tokens, Arbitraries.strings().ofMaxLength(80));
    }

    @Property(tries = 400)
    void treeReaderOnArbitraryYamlThrowsOnlyBadInput(@ForAll("yamlText") String text) {
        onlyCleanErrors(() -> TreeReader.read("fuzz.yaml", text, false));
    }

    @Provide
    Arbitrary<String> jsonText() {
        Arbitrary<String> tokens = joined(List.of("{", "}", "[", "]", "\"k\"", "\"v\"", ":", ",", "1", "-1.5e3", "1e999", "NaN", "Infinity",
                "true", "false", "null", "\"", "\\u00", "\\", " ", "\n", "//", "/*", "'", "0x10", "\u0000"), 30);
        return Arbitraries.oneOf(tokens, Arbitraries.strings().ofMaxLength(80));
    }

    @Property(tries = 400)
    void treeReaderOnArbitraryJsonThrowsOnlyBadInput(@ForAll("jsonText") String text) {
        onlyCleanErrors(() -> TreeReader.read("fuzz.json", text, true));
    }

    @Provide
    Arbitrary<String> csvText() {
        Arbitrary<String> tokens = joined(List.of("0", "1", "7", ".", "e", "-", "+", ",", "\n", "\r\n", " ", "#", "NaN", "Infinity",
                "arrival_s", "input_tokens", "output_tokens", "99999999999999999999", "1e-3", "x", "\"", "\ufeff"), 40);
        return Arbitraries.oneOf(tokens, Arbitraries.strings().ofMaxLength(80));
    }

    @Property(tries = 400)
    void traceFileOnArbitraryCsvThrowsOnlyBadInput(@ForAll("csvText") String text) {
        onlyCleanErrors(() -> {
            List<double[]> rows = TraceFile.read("fuzz.csv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 1000);
            double last = 0;
            for (double[] r : rows) {
                assertThat(r[0]).isFinite().isGreaterThanOrEqualTo(last);
                assertThat(r[1]).isGreaterThanOrEqualTo(1);
                assertThat(r[2]).isGreaterThanOrEqualTo(1);
                last = r[0];
            }
        });
    }

    @Provide
    Arbitrary<String> hfConfig() {
        Arbitrary<String> key = Arbitraries.of("hidden_size", "num_hidden_layers", "num_attention_heads", "num_key_value_heads", "head_dim",
                "vocab_size", "max_position_embeddings", "hidden_act", "tie_word_embeddings", "intermediate_size", "num_local_experts",
                "num_experts_per_tok", "n_routed_experts", "n_shared_experts", "moe_intermediate_size", "first_k_dense_replace",
                "num_experts", "shared_expert_intermediate_size", "kv_lora_rank", "q_lora_rank", "qk_nope_head_dim", "qk_rope_head_dim",
                "v_head_dim", "model_type", "architectures");
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("0", "1", "-1", "2", "8", "64", "4096", "32000", "2147483647", "2147483648", "99999999999", "1.5", "1e999",
                        "true", "false", "null", "\"silu\"", "\"gelu\"", "\"llama\"", "\"4096\"", "[]", "{}", "[1]", "\"\""),
                Arbitraries.integers().between(-2, 100_000).map(String::valueOf));
        Arbitrary<String> entry = net.jqwik.api.Combinators.combine(key, value).as((k, v) -> "\"" + k + "\": " + v);
        Arbitrary<String> base = Arbitraries.of("\"hidden_size\": 64, \"num_hidden_layers\": 2, \"num_attention_heads\": 4, \"vocab_size\": 100",
                "\"model_type\": \"llama\"", "");
        return net.jqwik.api.Combinators.combine(base, entry.list().ofMaxSize(10))
                .as((b, es) -> "{" + String.join(", ", es) + (b.isEmpty() || es.isEmpty() ? "" : ", ") + b + "}");
    }

    @Property(tries = 400)
    void huggingFaceConfigOnArbitraryJsonThrowsOnlyBadInput(@ForAll("hfConfig") String text) {
        onlyCleanErrors(() -> {
            Node root = TreeReader.read("config.json", text, true);
            if (root instanceof Node.Mapping m) {
                HuggingFaceConfig.toModel(m, "fuzz");
            }
        });
    }
}
