package org.suanli.perf;

/**
 * How close real kernels and collectives get to a hardware family's published peaks. These are the
 * model's only calibrated constants; each family's values, and how they were obtained, live in
 * {@code catalog/efficiency.yaml} and are shared by every job on that family (never per job).
 *
 * @param gemm fraction of dense peak reached by a large 16-bit GEMM (cuBLAS-class library)
 * @param gemmFp8 fraction of the fp8 dense peak reached by a large fp8 GEMM
 * @param gemmHalfDim GEMM dimension at which the shape factor d/(d + gemmHalfDim) halves throughput
 * @param memory fraction of memory bandwidth reached by element-wise and normalisation kernels
 * @param attention fraction of dense peak reached by a fused (flash) attention kernel
 * @param scaleUpCollective fraction of per-direction scale-up link bandwidth a ring collective reaches
 * @param scaleOutCollective fraction of per-direction NIC line rate a collective reaches
 * @param kernelOverheadS fixed cost per kernel launch on the device timeline, seconds
 * @param scaleUpLatencyS per-step latency (alpha) of a collective inside a server, seconds
 * @param scaleOutLatencyS per-step latency (alpha) of a collective between servers, seconds
 * @param calibrated false for families with no published measurements (generic defaults)
 */
public record Efficiency(String id, String name, double gemm, double gemmFp8, double gemmHalfDim, double memory, double attention,
                         double scaleUpCollective, double scaleOutCollective, double kernelOverheadS,
                         double scaleUpLatencyS, double scaleOutLatencyS, boolean calibrated, String source) {

    public Efficiency {
        for (double f : new double[] {gemm, gemmFp8, memory, attention, scaleUpCollective, scaleOutCollective}) {
            if (!(f > 0 && f <= 1)) {
                throw new IllegalArgumentException("efficiency " + id + ": fractions must lie in (0, 1], got " + f);
            }
        }
        if (gemmHalfDim < 0 || kernelOverheadS < 0 || scaleUpLatencyS < 0 || scaleOutLatencyS < 0) {
            throw new IllegalArgumentException("efficiency " + id + ": gemm_half_dim, kernel_overhead and latencies must be >= 0");
        }
    }

    /** Returns the shape factor of one GEMM dimension: small dimensions leave the tensor cores idle. */
    public double shape(double dim) {
        return dim / (dim + gemmHalfDim);
    }
}
