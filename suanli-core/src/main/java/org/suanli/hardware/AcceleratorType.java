package org.suanli.hardware;

/** The seed report's four kinds of AI chip (GPU general-purpose, FPGA semi-custom, ASIC dedicated, NPU). */
public enum AcceleratorType {
    GPU, ASIC, FPGA, NPU
}
