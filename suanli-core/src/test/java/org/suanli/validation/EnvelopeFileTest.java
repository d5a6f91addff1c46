package org.suanli.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.suanli.BadInputException;
import org.suanli.catalog.TreeReader;

/** The envelope file is read back exactly as it is written, through the strict reader. */
class EnvelopeFileTest {

    @Test
    void builtInEnvelopeReadsBackFromItsOwnYaml() {
        Envelope e = Envelope.builtIn();
        assertThat(Envelope.read(TreeReader.read("envelope.yaml", e.toYaml(), false))).isEqualTo(e);
        assertThat(e.kinds()).containsKeys("training", "inference");
    }

    @Test
    void misspeltKeyIsRefusedWithFileLineAndSuggestion() {
        String yaml = "training:\n  rows: 3\n  measured_band_pct: 30\n  validated:\n"
                + "    - {family: nvidia-hopper, preset: nemo-24.07, rows: 2, held_out_mape_pct: 5, held_out_max: 9, suites: [nemo-h100]}\n";
        assertThatThrownBy(() -> Envelope.read(TreeReader.read("env.yaml", yaml, false)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("env.yaml:5")
                .hasMessageContaining("did you mean 'held_out_max_pct'");
    }

    @Test
    void notANumberIsRefused() {
        String yaml = "training:\n  rows: 3\n  measured_band_pct: .nan\n  validated: []\n";
        assertThatThrownBy(() -> Envelope.read(TreeReader.read("env.yaml", yaml, false)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("env.yaml:3")
                .hasMessageContaining("not a finite number");
    }
}
