package org.suanli.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.suanli.hardware.Accelerator;
import org.suanli.hardware.Cpu;
import org.suanli.hardware.Precision;
import org.suanli.hardware.Server;
import org.suanli.workload.Model;

/** Every built-in entry loads, carries a source, and makes physical sense. */
class BuiltInCatalogTest {
    private static final Catalog C = Catalog.builtIn();

    @Test
    void everyRequiredIdExists() {
        List<String> accelerators = List.of("v100-sxm2-32gb", "a100-sxm-40gb", "a100-sxm-80gb", "a800-sxm-80gb", "h100-sxm",
                "h100-pcie", "h800-sxm", "h20", "h200-sxm", "b200", "l40s", "l20", "mi250x", "mi300x", "mi325x", "gaudi2",
                "gaudi3", "tpu-v4", "tpu-v5e", "tpu-v5p", "ascend-310", "ascend-910", "ascend-910b", "ascend-910c", "mlu370",
                "mlu290", "mlu270", "hanguang-800", "tiangai-100", "yunsui-t20", "mtt-s3000", "br100p", "br104p", "hygon-dcu");
        List<String> cpus = List.of("xeon-8592", "epyc-9654", "hygon-7285", "kh-40000", "kunpeng-920-7260", "phytium-s2500",
                "loongson-3c5000l", "sunway-1621", "xeon-8168", "xeon-8480c", "xeon-8480plus", "grace");
        List<String> links = List.of("pcie3-x16", "pcie4-x16", "pcie5-x16", "nvlink2", "nvlink3", "nvlink4", "nvlink5",
                "p2p-sxm2", "p2p-sxm3", "p2p-pcie3", "nvlink3-a800", "hccs-910b");
        List<String> fabrics = List.of("ib-hdr", "ib-ndr", "ib-xdr", "roce-200g", "roce-400g");
        List<String> servers = List.of("dgx-2", "dgx-a100", "dgx-h100", "hgx-h800", "hgx-h20", "hgx-h200", "nf5688m6",
                "x660-g45-lp", "pr4910w", "atlas-800t-a2", "atlas-300i-server", "general-2s-spr");
        List<String> models = List.of("gpt3-175b", "mt-nlg-530b", "llama2-7b", "llama2-13b", "llama2-70b", "llama3-8b",
                "llama3-70b", "llama3-405b", "mixtral-8x7b", "qwen2.5-72b", "deepseek-v3", "gpt4-estimate",
                "megatron-gpt-1.7b", "megatron-gpt-3.6b", "megatron-gpt-7.5b", "megatron-gpt-18b", "megatron-gpt-39b",
                "megatron-gpt-76b", "megatron-gpt-145b", "megatron-gpt-310b", "megatron-gpt-530b", "megatron-gpt-1t");
        accelerators.forEach(C::accelerator);
        cpus.forEach(C::cpu);
        links.forEach(C::link);
        fabrics.forEach(C::fabric);
        servers.forEach(C::server);
        models.forEach(C::model);
    }

    @Test
    void everyAcceleratorMakesPhysicalSense() {
        for (Accelerator a : C.accelerators()) {
            assertThat(a.source()).as(a.id() + " source").isNotBlank();
            a.peakOpsPerS().forEach((p, v) -> assertThat(v).as(a.id() + " " + p).isBetween(1e11, 2e16));
            atLeast(a, Precision.FP8, Precision.BF16);
            atLeast(a, Precision.FP16, Precision.FP32);
            atLeast(a, Precision.BF16, Precision.TF32);
            atLeast(a, Precision.INT8, Precision.FP16);
            atLeast(a, Precision.FP4, Precision.FP8);
            a.memory().capacityBytes().ifPresent(b -> assertThat(b).as(a.id() + " memory").isBetween(1e9, 1e12));
            a.memory().bandwidthBytesPerS().ifPresent(b -> assertThat(b).as(a.id() + " bandwidth").isBetween(1e10, 2e13));
            a.scaleUp().ifPresent(l -> assertThat(l.perDirectionBytesPerS()).as(a.id() + " scale-up").isBetween(1e9, 2e12));
            a.tdpW().ifPresent(w -> assertThat(w).as(a.id() + " TDP").isBetween(5.0, 2000.0));
            a.dieAreaMm2().ifPresent(d -> assertThat(d).as(a.id() + " die").isBetween(50.0, 2000.0));
            a.launchYear().ifPresent(y -> assertThat(y).as(a.id() + " year").isBetween(2010, 2027));
        }
    }

    private static void atLeast(Accelerator a, Precision narrower, Precision wider) {
        OptionalDouble n = a.peak(narrower);
        OptionalDouble w = a.peak(wider);
        if (n.isPresent() && w.isPresent()) {
            assertThat(n.getAsDouble()).as(a.id() + ": " + narrower + " >= " + wider).isGreaterThanOrEqualTo(w.getAsDouble());
        }
    }

    @Test
    void everyServerMakesPhysicalSense() {
        for (Server s : C.servers()) {
            assertThat(s.source()).as(s.id()).isNotBlank();
            // a rack or pod counts its nodes' CPUs and accelerators together; each node must make sense as a server does
            int nodes = Math.max(1, s.acceleratorCount()) / s.scaleUpDomain().node();
            assertThat(s.cpuCount() % nodes).as(s.id() + " CPUs per node").isZero();
            assertThat(s.cpuCount() / nodes).as(s.id()).isBetween(1, 8);
            if (s.isAiServer()) {
                assertThat(s.acceleratorCount() / nodes).as(s.id()).isBetween(1, 72);
                s.powerW().ifPresent(w -> assertThat(w).as(s.id() + " power exceeds its accelerators' TDPs")
                        .isGreaterThan(s.acceleratorCount() * s.accelerator().get().tdpW().orElse(0)));
            }
            s.priceUsd().ifPresent(p -> assertThat(p).as(s.id()).isBetween(1e3, 1e7));
        }
    }

    @Test
    void everyCpuHasSource() {
        for (Cpu c : C.cpus()) {
            assertThat(c.source()).as(c.id()).isNotBlank();
            assertThat(c.cores()).as(c.id()).isBetween(1, 512);
        }
    }

    @Test
    void modelArithmeticMatchesPublishedParameterCounts() {
        for (Model m : C.models()) {
            assertThat(m.source()).as(m.id()).isNotBlank();
            if (m.publishedParamsB().isEmpty() || m.estimate()) {
                continue;
            }
            double published = m.publishedParamsB().getAsDouble();
            // 2% for norms, biases and position embeddings the arithmetic leaves out, plus half a unit in the
            // last printed digit of the published figure (Megatron's "1.7B" is 1.65-1.75 B)
            double tolerance = 0.02 * published + halfUnitOfLastDigit(published);
            assertThat(m.totalParams() / 1e9).as(m.id()).isCloseTo(published, within(tolerance));
        }
    }

    private static double halfUnitOfLastDigit(double v) {
        String s = new java.math.BigDecimal(String.valueOf(v)).stripTrailingZeros().toPlainString();
        int decimals = s.contains(".") ? s.length() - s.indexOf('.') - 1 : 0;
        return 0.5 * Math.pow(10, -decimals);
    }

    @Test
    void gpt4IsMarkedAsAnEstimate() {
        assertThat(C.model("gpt4-estimate").estimate()).isTrue();
        assertThat(C.model("gpt4-estimate").source()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // id | fp16 TFLOPS | int8 TOPS | memory GiB | bandwidth GB/s | TDP W   (seed table, seed_data.yaml)
            "mlu370      | 96  | 256  | 24 | 307.2 | 150",
            "mlu290      |     | 512  | 32 | 1228  | 350",
            "mlu270      |     | 128  | 16 | 102   | 70",
            "hanguang-800|     | 825  |    |       | 276",
            "ascend-310  | 8   | 16   |    |       | 8",
            "ascend-910  | 320 | 640  |    |       | 310",
            "tiangai-100 | 147 | 295  | 32 |       | 250",
            "yunsui-t20  | 128 | 256  | 32 | 1600  | 300",
            "mtt-s3000   |     |      | 32 | 448   | 250",
            "br100p      |     | 1920 | 64 | 1640  | 550",
            "br104p      |     | 1024 | 32 | 819   | 300",
            "hygon-dcu   |     |      | 32 | 1000  | 350",
    })
    void seedDomesticPartsCarryTheSeedFigures(String id, Double fp16, Double int8, Double gib, Double gbps, double tdp) {
        Accelerator a = C.accelerator(id);
        if (fp16 != null) {
            assertThat(a.peak(Precision.FP16)).hasValue(fp16 * 1e12);
        }
        if (int8 != null) {
            assertThat(a.peak(Precision.INT8)).hasValue(int8 * 1e12);
        }
        if (gib != null) {
            assertThat(a.memory().capacityBytes().getAsDouble()).isEqualTo(gib * (1L << 30));
        }
        if (gbps != null) {
            assertThat(a.memory().bandwidthBytesPerS().getAsDouble()).isCloseTo(gbps * 1e9, within(1.0));
        }
        assertThat(a.tdpW()).hasValue(tdp);
        assertThat(a.country()).isEqualTo("CN");
    }

    @Test
    void a800IsAnA100WithAThirdLessNvlink() {
        Accelerator a100 = C.accelerator("a100-sxm-80gb");
        Accelerator a800 = C.accelerator("a800-sxm-80gb");
        assertThat(a800.peakOpsPerS()).isEqualTo(a100.peakOpsPerS());
        double cut = 1 - a800.scaleUp().get().bidirectionalBytesPerS() / a100.scaleUp().get().bidirectionalBytesPerS();
        assertThat(cut).isCloseTo(1.0 / 3, within(1e-9));
    }

    @Test
    void seedP2pFiguresAreLinks() {
        assertThat(C.link("p2p-sxm2").bandwidthBytesPerS()).isEqualTo(50e9);
        assertThat(C.link("p2p-sxm3").bandwidthBytesPerS()).isEqualTo(300e9);
        assertThat(C.link("p2p-pcie3").bandwidthBytesPerS()).isEqualTo(32e9);
    }

    @Test
    void seedServerPricesComeFromThePriceBook() {
        // the seed's cost_structure: DGX H100 268,495 USD, a 2-socket Sapphire Rapids server 10,424 USD (prices/prices.yaml)
        assertThat(org.suanli.cost.CostModel.serverPriceUsd(C.server("dgx-h100"))).hasValue(268495);
        assertThat(org.suanli.cost.CostModel.serverPriceUsd(C.server("general-2s-spr"))).hasValue(10424);
        assertThat(C.server("dgx-h100").priceUsd()).isEmpty();
        assertThat(C.server("general-2s-spr").isAiServer()).isFalse();
    }
}
