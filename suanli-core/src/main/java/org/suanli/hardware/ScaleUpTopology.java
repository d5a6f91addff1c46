package org.suanli.hardware;

/**
 * How the accelerators of a scale-up domain reach each other: through switch chips that give every
 * pair full bandwidth (NVSwitch, the NVLink Switch trays of NVL72, CloudMatrix's UB switches), by direct
 * links in a mesh (HCCS, Infinity Fabric), by direct links to neighbours in a torus (TPU ICI, NeuronLink),
 * through the host's PCIe switches, or not at all.
 */
public enum ScaleUpTopology {
    SWITCH, MESH, PCIE, NONE, TORUS
}
