package org.suanli.inference;

/**
 * Serving one batch: time to the first token (the batch's prefill), time per output token (one
 * decode step at the mean context, over the tokens a speculative step emits), throughputs for the whole replica and per
 * GPU, the memory picture and the largest batch that fits these lengths; the tokens a decode step emits per sequence
 * and the prompt tokens a prefix cache spared the prefill.
 */
public record InferenceResult(int batch, int inputLen, int outputLen, double ttftS, double tpotS, double outputTokensPerS,
                              double totalTokensPerS, double outputTokensPerSPerGpu, int gpus, double weightBytesPerGpu,
                              double kvCacheBytesPerToken, double kvCacheBytesPerGpu, double memoryPerGpuBytes,
                              double memoryCapacityBytes, boolean fits, int maxBatch, int maxContext,
                              double prefillAllToAllShare, double decodeAllToAllShare, double decodeTokensPerStep,
                              long prefillTokensSaved) {

    /** A result of plain decoding without a prefix cache. */
    public InferenceResult(int batch, int inputLen, int outputLen, double ttftS, double tpotS, double outputTokensPerS,
                           double totalTokensPerS, double outputTokensPerSPerGpu, int gpus, double weightBytesPerGpu,
                           double kvCacheBytesPerToken, double kvCacheBytesPerGpu, double memoryPerGpuBytes,
                           double memoryCapacityBytes, boolean fits, int maxBatch, int maxContext,
                           double prefillAllToAllShare, double decodeAllToAllShare) {
        this(batch, inputLen, outputLen, ttftS, tpotS, outputTokensPerS, totalTokensPerS, outputTokensPerSPerGpu, gpus, weightBytesPerGpu,
                kvCacheBytesPerToken, kvCacheBytesPerGpu, memoryPerGpuBytes, memoryCapacityBytes, fits, maxBatch, maxContext,
                prefillAllToAllShare, decodeAllToAllShare, 1, 0);
    }
}
