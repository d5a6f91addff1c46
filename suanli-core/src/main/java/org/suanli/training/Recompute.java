package org.suanli.training;

/**
 * Activation recomputation (Korthikanti et al. 2022): none; selective, which recomputes only the
 * attention core (the s² tensors); full, which keeps only each layer's input and reruns the forward.
 */
public enum Recompute {
    NONE, SELECTIVE, FULL
}
