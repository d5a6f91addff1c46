package org.suanli.workload;

/** The MLP of a transformer layer: GELU (two h x f matrices) or SwiGLU (three; Shazeer 2020). */
public enum Activation {
    GELU(2), SWIGLU(3);

    private final int matrices;

    Activation(int matrices) {
        this.matrices = matrices;
    }

    /** Returns the number of h x f weight matrices in the MLP. */
    public int mlpMatrices() {
        return matrices;
    }
}
