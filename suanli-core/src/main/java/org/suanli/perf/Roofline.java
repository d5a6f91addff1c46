package org.suanli.perf;

/**
 * Operator time on one accelerator by the roofline model (Williams, Waterman & Patterson 2009):
 * max(FLOPs / achievable FLOP/s, bytes / achievable bandwidth) plus the gap between kernels. The
 * achievable rate of tensor-core work is the peak times the family's measured kernel fraction times the
 * end-to-end constant {@code e2e} of the software preset (1 for a bare microbenchmark); a GEMM's rate
 * falls for small dimensions by the family's shape factor, which applies only to compute-bound work: a
 * skinny GEMM that is bound by reading its weights takes the time of that read. Each kernel adds
 * {@code kernelGapS}, the gap between back-to-back kernels (launched one by one, or replayed from a graph); a
 * GEMM's memory traffic moves at {@code gemmMemoryFraction} of the bandwidth (fp8 GEMM kernels stream their
 * weights slower than copy kernels do).
 */
public record Roofline(double peakFlopsPerS, double memoryBytesPerS, Efficiency eff, double gemmFraction, double e2e,
                       double kernelGapS, double gemmMemoryFraction) {

    /** A roofline whose GEMMs reach the family's 16-bit GEMM fraction, as measured. */
    public Roofline(double peakFlopsPerS, double memoryBytesPerS, Efficiency eff) {
        this(peakFlopsPerS, memoryBytesPerS, eff, eff.gemm(), 1, eff.kernelOverheadS(), eff.memory());
    }

    /** Returns the time of one M x N x K GEMM repeated {@code count} times (batched), with elements of {@code bytesPerElement}. */
    public double gemm(double m, double n, double k, double count, double bytesPerElement) {
        if (m <= 0 || n <= 0 || k <= 0 || count <= 0) {
            return 0;
        }
        double flops = 2 * m * n * k * count;
        double bytes = bytesPerElement * (m * k + k * n + m * n) * count;
        return gemmTime(flops, bytes, m, n, k);
    }

    /**
     * Returns the time of a GEMM doing {@code flops} and moving {@code bytes} with dimensions m, n, k: the longer of
     * its memory traffic and its compute at the shape-dependent rate.
     */
    public double gemmTime(double flops, double bytes, double m, double n, double k) {
        double rate = gemmRate() * eff.shape(m) * eff.shape(n) * eff.shape(k);
        return Math.max(flops / rate, bytes / (memoryBytesPerS * gemmMemoryFraction)) + kernelGapS;
    }

    /** Returns the achievable FLOP/s of a large GEMM. */
    public double gemmRate() {
        return peakFlopsPerS * gemmFraction * e2e;
    }

    /** Returns the achievable bandwidth of streaming kernels, bytes/s. */
    public double memoryRate() {
        return memoryBytesPerS * eff.memory();
    }

    /** Returns the time of a memory-bound kernel that moves {@code bytes}. */
    public double memory(double bytes) {
        return bytes / memoryRate() + kernelGapS;
    }

    /** Returns the time of a fused attention kernel doing {@code flops}, forward (or {@code backward}) at the family's attention efficiency. */
    public double fusedAttention(double flops, double bytes, boolean backward) {
        double fraction = backward ? eff.attentionBwd() : eff.attention();
        return Math.max(flops / (peakFlopsPerS * fraction * e2e), bytes / memoryRate()) + kernelGapS;
    }
}
