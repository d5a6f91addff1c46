package org.suanli.perf;

/**
 * Operator time on one accelerator by the roofline model (Williams, Waterman & Patterson 2009):
 * max(FLOPs / achievable FLOP/s, bytes / achievable bandwidth) plus a fixed launch cost. The
 * achievable GEMM rate falls for small dimensions by the family's shape factor d/(d + d½).
 */
public record Roofline(double peakFlopsPerS, double memoryBytesPerS, Efficiency eff, double gemmFraction) {

    /** A roofline whose GEMMs reach the family's 16-bit GEMM fraction. */
    public Roofline(double peakFlopsPerS, double memoryBytesPerS, Efficiency eff) {
        this(peakFlopsPerS, memoryBytesPerS, eff, eff.gemm());
    }

    /** Returns the time of one M x N x K GEMM repeated {@code count} times (batched), with elements of {@code bytesPerElement}. */
    public double gemm(double m, double n, double k, double count, double bytesPerElement) {
        if (m <= 0 || n <= 0 || k <= 0 || count <= 0) {
            return 0;
        }
        double flops = 2 * m * n * k * count;
        double bytes = bytesPerElement * (m * k + k * n + m * n) * count;
        double rate = peakFlopsPerS * gemmFraction * eff.shape(m) * eff.shape(n) * eff.shape(k);
        return Math.max(flops / rate, bytes / (memoryBytesPerS * eff.memory())) + eff.kernelOverheadS();
    }

    /** Returns the time of a memory-bound kernel that moves {@code bytes}. */
    public double memory(double bytes) {
        return bytes / (memoryBytesPerS * eff.memory()) + eff.kernelOverheadS();
    }

    /** Returns the time of a fused attention kernel doing {@code flops} at the family's attention efficiency. */
    public double fusedAttention(double flops, double bytes) {
        return Math.max(flops / (peakFlopsPerS * eff.attention()), bytes / (memoryBytesPerS * eff.memory())) + eff.kernelOverheadS();
    }
}
