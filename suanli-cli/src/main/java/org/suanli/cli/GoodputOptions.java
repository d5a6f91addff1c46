package org.suanli.cli;

import org.suanli.input.Check;
import java.util.OptionalDouble;
import org.suanli.reliability.Goodput;
import picocli.CommandLine.Option;

/** The checkpoint and restart assumptions behind expected days, shared by {@code train} and {@code plan train}. */
final class GoodputOptions {
    @Option(names = "--storage-gbps", paramLabel = "GB/s", description = "With --tokens: checkpoint write and read bandwidth per server, "
            + "GB/s, above 0 up to 10,000 (default 1, an assumption: about Llama 3's 2 TB/s storage over its 2,048 servers).")
    Double storageGbps;

    @Option(names = "--restart-min", paramLabel = "MIN", description = "With --tokens: minutes to restart and re-warm after a failure, "
            + "before the checkpoint is read back, 0 to 10,080 (default 10, an assumption).")
    Double restartMin;

    /** Checks the ranges, and that the options come with {@code --tokens} (one line, exit 2 or 3). */
    void check(String tokens) {
        Check.positive("--storage-gbps", storageGbps, 10_000);
        Check.between("--restart-min", restartMin, 0, 10_080);
        if ((storageGbps != null || restartMin != null) && tokens == null) {
            throw new UsageException("--storage-gbps and --restart-min need --tokens; expected --tokens with them");
        }
    }

    /** Returns the assumptions as given; an empty figure takes the library's default. */
    Goodput.Assumptions assumptions() {
        return new Goodput.Assumptions(storageGbps == null ? OptionalDouble.empty() : OptionalDouble.of(storageGbps),
                restartMin == null ? OptionalDouble.empty() : OptionalDouble.of(restartMin));
    }
}
