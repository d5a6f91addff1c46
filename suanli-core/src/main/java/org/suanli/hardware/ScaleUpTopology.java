package org.suanli.hardware;

/**
 * How the accelerators inside one server reach each other: through switch chips that give every
 * pair full bandwidth (NVSwitch), by direct links in a mesh (HCCS, Infinity Fabric), through the
 * host's PCIe switches, or not at all.
 */
public enum ScaleUpTopology {
    SWITCH, MESH, PCIE, NONE
}
