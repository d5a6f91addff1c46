package org.suanli.training;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;

/** Each impossible layout is one error naming the constraint and its values. */
class LayoutCheckTest {
    private static final Catalog C = Catalog.builtIn();

    @ParameterizedTest(name = "{0} on {1} GPUs with {2}: {3}")
    @CsvSource(delimiter = '|', value = {
            "llama3-70b   | 64   | tp=3                       | does not divide 64 GPUs",
            "llama3-70b   | 48   | tp=3                       | tp 3 does not divide heads 64",
            "llama3-8b    | 64   | pp=64                      | pp 64 > layers 32",
            "llama3-70b   | 48   | pp=2,vpp=3,global_batch=24 | 2 x 3 does not divide layers 80",
            "llama3-70b   | 64   | tp=8,global_batch=10       | 1 x 8 does not divide 10",
            "llama3-70b   | 64   | tp=8,pp=2,vpp=2,global_batch=12 | 3 micro-batches, pp 2",
            "llama3-70b   | 64   | tp=8,cp=4,seq_len=1004     | seq_len 1004, cp 4",
            "llama3-70b   | 64   | tp=8,cp=4,seq_len=1000     | seq_len/cp 250, tp 8",
            "llama3-8b    | 8    | seq_len=16384              | 16384 > 8192",
            "mixtral-8x7b | 64   | tp=2,ep=3                  | does not divide 8 experts",
            "llama3-8b    | 8    | ep=2                       | ep 2 on llama3-8b",
            "mixtral-8x7b | 16   | tp=8,ep=4,expert_tp=8       | ep 4 x expert tp 8 = 32, tp x cp x dp 16",
            "llama3-8b    | 12   | tp=4                       | 12 GPUs is not a multiple of 8",
    })
    void impossibleLayoutNamesTheConstraint(String model, int gpus, String options, String message) {
        Map<String, Object> o = new HashMap<>();
        for (String kv : options.split(",")) {
            String[] p = kv.split("=");
            o.put(p[0], p[1]);
        }
        assertThatThrownBy(() -> LayoutOptions.job(C.model(model), C.server("dgx-h100"), gpus, o, OptionalDouble.empty()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "fp8 on an A100 | dgx-a100 | precision=fp8 | publishes no fp8 rate",
            "a CPU server   | general-2s-spr | tp=1     | has no accelerators",
    })
    void hardwareConstraints(String what, String server, String options, String message) {
        String[] p = options.split("=");
        assertThatThrownBy(() -> LayoutOptions.job(C.model("llama3-8b"), C.server(server), 8, Map.of(p[0], p[1]), OptionalDouble.empty()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(message);
    }
}
