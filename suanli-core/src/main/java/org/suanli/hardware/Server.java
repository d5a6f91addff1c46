package org.suanli.hardware;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.suanli.BadInputException;

/**
 * One server model: CPUs, accelerators and how they connect, host memory, network ports, storage,
 * power, price and, where known, its bill of materials. A general-purpose server has no accelerator
 * and a count of zero.
 */
public record Server(String id, String name, String vendor, String country, Optional<Accelerator> accelerator,
                     int acceleratorCount, Cpu cpu, int cpuCount, ScaleUpTopology scaleUpTopology,
                     Optional<Link> scaleUpLink, Optional<Link> hostLink, OptionalDouble hostMemoryBytes,
                     Optional<Nics> nics, OptionalDouble storageBytes, OptionalDouble powerW,
                     OptionalDouble priceUsd, java.util.List<BomLine> bom, OptionalInt launchYear, String source,
                     String notes, ScaleUpDomain scaleUpDomain) {

    /** A server whose scale-up domain is its own accelerators (one node). */
    public Server(String id, String name, String vendor, String country, Optional<Accelerator> accelerator,
                  int acceleratorCount, Cpu cpu, int cpuCount, ScaleUpTopology scaleUpTopology,
                  Optional<Link> scaleUpLink, Optional<Link> hostLink, OptionalDouble hostMemoryBytes,
                  Optional<Nics> nics, OptionalDouble storageBytes, OptionalDouble powerW,
                  OptionalDouble priceUsd, java.util.List<BomLine> bom, OptionalInt launchYear, String source, String notes) {
        this(id, name, vendor, country, accelerator, acceleratorCount, cpu, cpuCount, scaleUpTopology, scaleUpLink, hostLink,
                hostMemoryBytes, nics, storageBytes, powerW, priceUsd, bom, launchYear, source, notes,
                ScaleUpDomain.server(acceleratorCount));
    }

    public Server {
        bom = java.util.List.copyOf(bom);
        if (scaleUpDomain.size() > Math.max(1, acceleratorCount) || Math.max(1, acceleratorCount) % scaleUpDomain.node() != 0) {
            throw new IllegalArgumentException("server " + id + ": scale-up domain larger than the server, or nodes that do not divide it");
        }
        if (accelerator.isPresent() != (acceleratorCount > 0)) {
            throw new IllegalArgumentException("server " + id + ": accelerator and accelerator_count go together");
        }
    }

    /** Returns true for a server with accelerators. */
    public boolean isAiServer() {
        return acceleratorCount > 0;
    }

    /**
     * Returns why no performance model can run on this server ("ascend-310 has no published memory bandwidth"), or
     * empty when its accelerator publishes every figure one needs.
     */
    public Optional<String> notSimulatable() {
        return accelerator.flatMap(a -> a.unpublishedForPerformance().map(missing -> a.id() + " has no published " + missing));
    }

    /** Throws the one-line error of {@link #notSimulatable()}, if there is one. */
    public void requireSimulatable() {
        Optional<String> why = notSimulatable();
        if (why.isPresent()) {
            throw new BadInputException("--server " + id, why.get(),
                    "expected a part whose vendor publishes them, or a user catalog entry stating them with a source");
        }
    }

    /** Returns this server with another accelerator of the same count (calibration trials). */
    public Server withAccelerator(Accelerator a) {
        return new Server(id, name, vendor, country, java.util.Optional.of(a), acceleratorCount, cpu, cpuCount, scaleUpTopology,
                scaleUpLink, hostLink, hostMemoryBytes, nics, storageBytes, powerW, priceUsd, bom, launchYear, source, notes,
                scaleUpDomain);
    }

    /** Returns this server with its NICs on another fabric (a fabric variant for one run); a server without NICs is unchanged. */
    public Server withFabric(Fabric fabric) {
        return new Server(id, name, vendor, country, accelerator, acceleratorCount, cpu, cpuCount, scaleUpTopology, scaleUpLink, hostLink,
                hostMemoryBytes, nics.map(n -> new Nics(n.count(), fabric)), storageBytes, powerW, priceUsd, bom, launchYear, source, notes);
    }
}
