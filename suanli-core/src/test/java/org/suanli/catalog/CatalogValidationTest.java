package org.suanli.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.suanli.BadInputException;

/** Each kind of catalog error is one line naming the file, the line and the field. */
class CatalogValidationTest {

    private static final String GOOD_ACCEL = """
            accelerators:
              - id: test-gpu
                name: Test GPU
                vendor: Example
                country: US
                type: GPU
                peak: {bf16: "100 TFLOPS"}
                memory:
                  type: HBM3
                  capacity: "80 GiB"
                  bandwidth: "3.35 TB/s"
            """;

    private static Catalog load(String yaml) {
        return CatalogLoader.loadWith(List.of(TreeReader.read("catalog/x.yaml", yaml, false)));
    }

    private static BadInputException error(String yaml) {
        try {
            load(yaml);
        } catch (BadInputException e) {
            return e;
        }
        throw new AssertionError("expected a BadInputException");
    }

    @Test
    void aWellFormedUserEntryLoads() {
        assertThat(load(GOOD_ACCEL).accelerator("test-gpu").memory().bandwidthBytesPerS()).hasValue(3.35e12);
    }

    @Test
    void wrongUnitNamesFileLineAndField() {
        BadInputException e = error(GOOD_ACCEL.replace("\"3.35 TB/s\"", "\"3.35 TB\""));
        assertThat(e.userLine()).isEqualTo(
                "error: catalog/x.yaml:11: memory.bandwidth: '3.35 TB' is not a bandwidth; expected e.g. '3.35 TB/s'");
    }

    @Test
    void unknownFieldIsAnError() {
        BadInputException e = error(GOOD_ACCEL.replace("    type: GPU\n", "    type: GPU\n    tdp_watts: 700\n"));
        assertThat(e.where()).isEqualTo("catalog/x.yaml:7");
        assertThat(e.what()).isEqualTo("tdp_watts: unknown field (did you mean 'tdp'?)");
        assertThat(e.expected()).contains("tdp").contains("peak");
    }

    @Test
    void missingRequiredFieldIsAnError() {
        BadInputException e = error(GOOD_ACCEL.replace("    vendor: Example\n", ""));
        assertThat(e.where()).isEqualTo("catalog/x.yaml:2");
        assertThat(e.what()).isEqualTo("vendor: missing required field");
    }

    @Test
    void nonPositiveSizeIsAnError() {
        BadInputException e = error(GOOD_ACCEL.replace("\"80 GiB\"", "\"-80 GiB\""));
        assertThat(e.where()).isEqualTo("catalog/x.yaml:10");
        assertThat(e.what()).isEqualTo("memory.capacity: '-80 GiB' is not positive");
    }

    @Test
    void zeroIsNotAPublishedFigure() {
        BadInputException e = error(GOOD_ACCEL.replace("{bf16: \"100 TFLOPS\"}", "{bf16: \"100 TFLOPS\", fp8: \"0 TFLOPS\"}"));
        assertThat(e.what()).isEqualTo("peak.fp8: '0 TFLOPS' is not positive");
        assertThat(e.expected()).contains("leave the field out if it is not published");
    }

    @Test
    void duplicateIdInOneLayerIsAnError() {
        String twice = GOOD_ACCEL + GOOD_ACCEL.substring(GOOD_ACCEL.indexOf("  - id"));
        BadInputException e = error(twice);
        assertThat(e.where()).isEqualTo("catalog/x.yaml:12");
        assertThat(e.what()).isEqualTo("duplicate accelerator id 'test-gpu'");
        assertThat(e.expected()).contains("first defined at catalog/x.yaml:2");
    }

    @Test
    void duplicateKeyIsAnError() {
        BadInputException e = error(GOOD_ACCEL.replace("    vendor: Example\n", "    vendor: Example\n    vendor: Other\n"));
        assertThat(e.where()).isEqualTo("catalog/x.yaml:5");
        assertThat(e.what()).isEqualTo("duplicate key 'vendor'");
    }

    @Test
    void unknownReferenceSuggestsClosestIds() {
        BadInputException e = error(GOOD_ACCEL.replace("    type: GPU\n", "    type: GPU\n    host_interface: pcie5x16\n"));
        assertThat(e.where()).isEqualTo("catalog/x.yaml:7");
        assertThat(e.what()).isEqualTo("host_interface: unknown link 'pcie5x16'");
        assertThat(e.expected()).contains("pcie5-x16");
    }

    @Test
    void malformedYamlNamesTheLine() {
        BadInputException e = error("accelerators:\n  - id: x\n    name: [unclosed\n");
        assertThat(e.where()).startsWith("catalog/x.yaml:");
        assertThat(e.what()).startsWith("malformed YAML");
    }

    @Test
    void unknownKindIsAnError() {
        BadInputException e = error("gpus:\n  - id: x\n");
        assertThat(e.userLine()).startsWith("error: catalog/x.yaml:1: unknown kind 'gpus'");
    }

    @Test
    void invalidChoiceListsTheAllowedWords() {
        BadInputException e = error(GOOD_ACCEL.replace("type: GPU", "type: TPU"));
        assertThat(e.what()).isEqualTo("type: 'TPU' is not allowed");
        assertThat(e.expected()).isEqualTo("expected one of GPU, ASIC, FPGA, NPU");
    }

    @Test
    void unknownIdLookupSuggestsClosest() {
        assertThatThrownBy(() -> Catalog.builtIn().accelerator("h100"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown accelerator id")
                .hasMessageContaining("h100-sxm");
    }

    @Test
    void fabricTiersMustWidenUpwards() {
        BadInputException e = error("""
                fabrics:
                  - id: my-fabric
                    name: x
                    port_rate: "400 Gb/s"
                    tiers:
                      - {name: leaf, span_servers: 32}
                      - {name: spine, span_servers: 16}
                      - {name: core}
                """);
        assertThat(e.getMessage()).contains("tiers[1].span_servers: 16 is not above the tier below (32)");
    }

    @Test
    void aFabricsTopTierReachesEveryServer() {
        BadInputException e = error("""
                fabrics:
                  - id: my-fabric
                    name: x
                    port_rate: "400 Gb/s"
                    tiers:
                      - {name: leaf, span_servers: 32}
                      - {name: spine, span_servers: 128}
                """);
        assertThat(e.getMessage()).contains("the last tier (spine) is bounded");
    }
}
