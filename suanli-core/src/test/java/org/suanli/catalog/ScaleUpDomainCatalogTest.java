package org.suanli.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suanli.BadInputException;
import org.suanli.hardware.ScaleUpDomain;
import org.suanli.hardware.ScaleUpTopology;

/**
 * Racks and pods whose scale-up domain spans nodes: the built-in entries carry their published domain, node and torus
 * (each test names its source), and a user entry with an impossible domain is refused in one line.
 */
class ScaleUpDomainCatalogTest {
    private static final Catalog C = Catalog.builtIn();

    @TempDir
    Path dir;

    @Test
    void gb200Nvl72IsOneSwitchedNvlinkDomainOf72InTraysOf4() {
        // NVIDIA GB200 NVL72: 72 GPUs in one NVLink domain, 18 compute trays of 4 GPUs
        ScaleUpDomain d = C.server("gb200-nvl72").scaleUpDomain();
        assertThat(C.server("gb200-nvl72").scaleUpTopology()).isEqualTo(ScaleUpTopology.SWITCH);
        assertThat(d.size()).isEqualTo(72);
        assertThat(d.node()).isEqualTo(4);
        assertThat(d.spansNodes()).isTrue();
    }

    @Test
    void tpuV5ePodIsA16x16TorusWrappingAt16() {
        // Google Cloud TPU v5e: 256 chips, 2D torus; Austin et al. 2025: wraparound only when an axis has size 16
        ScaleUpDomain d = C.server("tpu-v5e-256").scaleUpDomain();
        assertThat(d.torus()).containsExactly(16, 16);
        assertThat(d.wraparound()).isEqualTo(16);
        assertThat(d.size()).isEqualTo(256);
    }

    @Test
    void tpuV5pPodsLargestSliceIs16x16x24Of8960Chips() {
        // Google Cloud TPU v5p: 8960 chips per pod, the largest job a 16x16x24 slice (6144 chips), full torus from one 4x4x4 cube
        var s = C.server("tpu-v5p-pod");
        assertThat(s.acceleratorCount()).isEqualTo(8960);
        assertThat(s.scaleUpDomain().torus()).containsExactly(16, 16, 24);
        assertThat(s.scaleUpDomain().size()).isEqualTo(6144);
        assertThat(s.scaleUpDomain().wraparound()).isEqualTo(4);
    }

    @Test
    void ironwoodPodIsOneTorusSliceOf9216ChipsInFourChipVms() {
        // Google Cloud TPU7x: 9216 chips per pod, 4-chip VMs; xpk's largest tpu7x slice 16x24x24 = 9216 = 144 cubes of 4x4x4
        var s = C.server("tpu-v7-pod");
        assertThat(s.acceleratorCount()).isEqualTo(9216);
        assertThat(s.scaleUpDomain().torus()).containsExactly(16, 24, 24);
        assertThat(s.scaleUpDomain().size()).isEqualTo(16 * 24 * 24);
        assertThat(s.scaleUpDomain().node()).isEqualTo(4);
        assertThat(s.scaleUpDomain().wraparound()).isEqualTo(4);
    }

    @Test
    void ironwoodPodHasTwoDcnNicsOf200GbPerVm() {
        // 100 Gb/s per chip x 9216 chips = 921.6 Tb/s = 4608 NICs (2 per 4-chip VM) x 200 Gb/s
        var s = C.server("tpu-v7-pod");
        assertThat(s.nics().orElseThrow().count()).isEqualTo(9216 / 4 * 2);
        assertThat(s.nics().orElseThrow().count() * 200e9).isEqualTo(9216 * 100e9);
    }

    @Test
    void trn2UltraServerIsFourInstancesOf16() {
        var d = C.server("trn2-ultraserver").scaleUpDomain();
        assertThat(d.size()).isEqualTo(64);
        assertThat(d.node()).isEqualTo(16);
        assertThat(d.torus()).containsExactly(4, 4, 4);
    }

    @Test
    void cloudMatrix384Is48NodesOf8OnOneUbDomain() {
        // CloudMatrix384 (arXiv 2506.12708): 384 Ascend 910C, 48 nodes of 8, one UB scale-up network
        var d = C.server("cloudmatrix-384").scaleUpDomain();
        assertThat(d.size()).isEqualTo(384);
        assertThat(d.node()).isEqualTo(8);
    }

    @Test
    void anEightGpuServerIsItsOwnDomainAndNode() {
        var d = C.server("dgx-h100").scaleUpDomain();
        assertThat(d.size()).isEqualTo(8);
        assertThat(d.node()).isEqualTo(8);
        assertThat(d.spansNodes()).isFalse();
    }

    private void refused(String fields, String message) throws Exception {
        Files.writeString(dir.resolve("rack.yaml"), """
                servers:
                  - id: my-rack
                    name: My rack
                    vendor: Me
                    country: DE
                    accelerator: tpu-v5e
                    accelerator_count: 64
                    cpu: epyc-9654
                    cpu_count: 16
                """ + fields);
        assertThatThrownBy(() -> CatalogLoader.load(List.of(dir)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(message)
                .hasMessageNotContaining("\n");
    }

    @Test
    void torusDimsThatDoNotMultiplyToTheDomainAreRefused() throws Exception {
        refused("    node: 4\n    scale_up: {topology: torus, link: tpu-v5e-ici, domain: 64, torus: {dims: [4, 8], wraparound: 4}}\n",
                "dims [4, 8] multiply to 32, not the domain's 64");
    }

    @Test
    void aDomainSmallerThanTheNodeIsRefused() throws Exception {
        refused("    node: 8\n    scale_up: {topology: switch, link: tpu-v5e-ici, domain: 4}\n", "4 is smaller than the node of 8");
    }

    @Test
    void aDomainLargerThanTheEntryIsRefused() throws Exception {
        refused("    node: 4\n    scale_up: {topology: switch, link: tpu-v5e-ici, domain: 128}\n", "128 is larger than the entry's 64 accelerators");
    }

    @Test
    void aNodeThatDoesNotDivideTheEntryIsRefused() throws Exception {
        refused("    node: 5\n", "5 does not divide accelerator_count 64");
    }

    @Test
    void aTorusWithoutTheTorusTopologyIsRefused() throws Exception {
        refused("    node: 4\n    scale_up: {topology: switch, link: tpu-v5e-ici, torus: {dims: [8, 8]}}\n", "given with topology switch");
    }

    @Test
    void theTorusTopologyWithoutDimensionsIsRefused() throws Exception {
        refused("    node: 4\n    scale_up: {topology: torus, link: tpu-v5e-ici}\n", "torus: missing required field");
    }

    @Test
    void axisBandwidthsMustMatchTheDimensions() throws Exception {
        refused("    node: 4\n    scale_up: {topology: torus, link: tpu-v5e-ici, torus: {dims: [8, 8], axis_bandwidth: [\"100 GB/s\"]}}\n",
                "1 figures for 2 dimensions");
    }

    @Test
    void aValidUserPodLoads() throws Exception {
        Files.writeString(dir.resolve("rack.yaml"), """
                servers:
                  - id: my-rack
                    name: My rack
                    vendor: Me
                    country: DE
                    accelerator: tpu-v5e
                    accelerator_count: 64
                    node: 4
                    cpu: epyc-9654
                    cpu_count: 16
                    scale_up: {topology: torus, link: tpu-v5e-ici, torus: {dims: [8, 8], wraparound: 8}}
                """);
        var d = CatalogLoader.load(List.of(dir)).server("my-rack").scaleUpDomain();
        assertThat(d.size()).isEqualTo(64);
        assertThat(d.torus()).containsExactly(8, 8);
    }
}
