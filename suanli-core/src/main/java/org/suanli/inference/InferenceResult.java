package org.suanli.inference;

/**
 * Serving one batch: time to the first token (the batch's prefill), time per output token (one
 * decode step at the mean context), throughputs for the whole replica and per GPU, the memory
 * picture and the largest batch that fits these lengths.
 */
public record InferenceResult(int batch, int inputLen, int outputLen, double ttftS, double tpotS, double outputTokensPerS,
                              double totalTokensPerS, double outputTokensPerSPerGpu, int gpus, double weightBytesPerGpu,
                              double kvCacheBytesPerToken, double kvCacheBytesPerGpu, double memoryPerGpuBytes,
                              double memoryCapacityBytes, boolean fits, int maxBatch, int maxContext,
                              double prefillAllToAllShare, double decodeAllToAllShare) {
}
