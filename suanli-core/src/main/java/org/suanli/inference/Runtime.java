package org.suanli.inference;

import java.util.Arrays;
import java.util.Optional;

/**
 * The serving runtime, whose host-side work per forward pass (scheduling, sampling, launches not
 * captured in CUDA graphs, the host-device synchronisation of each step) adds to every prefill and
 * decode step, as the training {@code Framework} does for training.
 */
public enum Runtime {
    /**
     * TensorRT-LLM v0.5 (its published H100/H200/A100 tables, the inference suites): 2.5 ms per step,
     * fitted once on validation/inference-published.yaml and inference-ttft.yaml together (both MAPEs
     * were scanned over 0-4 ms in 0.5 ms steps; 2.5 ms minimises their sum). It carries the gap between
     * GPT-J's 5.4 ms/token at batch 1 on H100 and its 2 ms fp8 weight read.
     */
    TENSORRT_LLM_0_5("tensorrt-llm-0.5", 2.5e-3);

    private final String id;
    private final double stepOverheadS;

    Runtime(String id, double stepOverheadS) {
        this.id = id;
        this.stepOverheadS = stepOverheadS;
    }

    public String id() {
        return id;
    }

    /** Returns the host overhead of one forward pass, seconds. */
    public double stepOverheadS() {
        return stepOverheadS;
    }

    public static Optional<Runtime> fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equalsIgnoreCase(id)).findFirst();
    }
}
