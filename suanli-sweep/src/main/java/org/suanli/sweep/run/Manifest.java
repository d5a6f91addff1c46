package org.suanli.sweep.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.suanli.BadInputException;
import org.suanli.report.Json;
import org.suanli.sweep.SweepSpec;

/** What identifies a sweep's results: the spec's hash, its points and partition size, the software version. */
final class Manifest {
    private Manifest() {
    }

    static ObjectNode of(SweepSpec spec, String version, String format) {
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("suanli_version", version);
        m.put("spec_file", spec.file());
        m.put("spec_sha256", spec.sha256());
        m.put("command", spec.command().key());
        m.put("points", spec.points());
        m.put("partition_points", spec.partitionPoints());
        m.put("partitions", spec.partitions());
        m.put("format", format);
        m.put("table", "results");
        return m;
    }

    /** Fails when results at {@code where} were made by another spec: resuming into them would mix two sweeps. */
    static void requireSame(JsonNode old, SweepSpec spec, String where) {
        if (!spec.sha256().equals(old.path("spec_sha256").asText()) || old.path("partition_points").asLong() != spec.partitionPoints()) {
            throw new BadInputException(where, "holds results of another spec (" + old.path("spec_file").asText() + ")",
                    "expected the same spec to resume, or another --out");
        }
    }

    /** Writes {@code text} to {@code file} through a temporary file and an atomic move. */
    static void writeAtomically(Path file, byte[] bytes) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "cannot write (" + e.getMessage() + ")", "expected a writable directory");
        }
    }
}
