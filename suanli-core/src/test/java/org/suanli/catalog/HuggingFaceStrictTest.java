package org.suanli.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.suanli.BadInputException;

/** The keys a Hugging Face config import uses are read strictly; the rest of the (open) schema is ignored. */
class HuggingFaceStrictTest {
    private static final String BASE = "\"hidden_size\": 64, \"num_hidden_layers\": 2, \"num_attention_heads\": 4, \"vocab_size\": 100";

    private static BadInputException error(String extra) {
        Node.Mapping m = (Node.Mapping) TreeReader.read("config.json", "{" + BASE + ",\n" + extra + "}", true);
        return org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class, () -> HuggingFaceConfig.toModel(m, "x"));
    }

    @Test
    void unknownKeysAreIgnored() {
        Node.Mapping m = (Node.Mapping) TreeReader.read("config.json", "{" + BASE + ", \"rope_scaling\": {\"factor\": 8}}", true);
        assertThat(HuggingFaceConfig.toModel(m, "x").layers()).isEqualTo(2);
    }

    @Test
    void aListWhereANumberIsExpectedIsNamed() {
        assertThat(error("\"intermediate_size\": [256]").userLine())
                .isEqualTo("error: config.json:2: intermediate_size: is a list; expected a single value in a Hugging Face config.json");
    }

    @Test
    void aFractionalLayerCountIsRefused() {
        assertThat(error("\"num_key_value_heads\": 2.5").what()).isEqualTo("num_key_value_heads: '2.5' is not a whole number");
    }

    @Test
    void aFlagThatIsNotABooleanIsRefused() {
        assertThat(error("\"tie_word_embeddings\": \"yes\"").what()).isEqualTo("tie_word_embeddings: 'yes' is not a boolean");
    }

    @Test
    void nanIsNotJson() {
        assertThatThrownBy(() -> TreeReader.read("config.json", "{\"hidden_size\": NaN}", true))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("config.json:1: malformed JSON");
    }

    @Test
    void inconsistentExpertsAreBadInputNotAnInternalError() {
        assertThat(error("\"num_local_experts\": 2, \"num_experts_per_tok\": 4").what()).startsWith("moe: ");
    }
}
