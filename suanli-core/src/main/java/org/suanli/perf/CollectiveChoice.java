package org.suanli.perf;

/**
 * The algorithm a collective ran with, the network tier it crossed (the scale-up tier inside a server, else the
 * highest fabric tier its group needs) and the bus bandwidth it reached there, with its time.
 *
 * @param busBytesPerS bus bandwidth (NCCL's convention) on the bottleneck tier, bytes/s
 */
public record CollectiveChoice(CollectiveAlgorithm algorithm, String tier, double busBytesPerS, double timeS) {
}
