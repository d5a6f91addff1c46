package org.suanli.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's snapshot of the built-in catalog trees stands in for the YAML only when it is exactly the YAML's trees. */
class BuiltInNodesTest {
    private static final List<byte[]> YAML = BuiltInNodes.yaml();
    private static final long CHECKSUM = BuiltInNodes.checksum(YAML);

    @TempDir
    Path dir;

    private Path snapshot() throws Exception {
        Path file = dir.resolve("built-in.nodes");
        BuiltInNodes.main(new String[] {file.toString()});
        return file;
    }

    @Test
    void snapshotReadsBackTheTreesParsedFromTheYamlWithFilesAndLines() throws Exception {
        List<Node> fromSnapshot = BuiltInNodes.fromSnapshot(snapshot(), CHECKSUM);
        assertThat(fromSnapshot).isEqualTo(BuiltInNodes.parse(YAML));
        assertThat(fromSnapshot).extracting(Node::file).containsExactlyElementsOf(BuiltInNodes.RESOURCES);
        assertThat(BuiltInNodes.RESOURCES).hasSize(CatalogLoader.BUILT_IN.size() + 1).last().isEqualTo("validation/envelope.yaml");
    }

    @Test
    void snapshotOfOtherYamlIsIgnored() throws Exception {
        assertThat(BuiltInNodes.fromSnapshot(snapshot(), CHECKSUM + 1)).isNull();
    }

    @Test
    void truncatedSnapshotIsIgnored() throws Exception {
        Path file = snapshot();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertThat(BuiltInNodes.fromSnapshot(file, CHECKSUM)).isNull();
    }

    @Test
    void snapshotWithAnImpossibleLengthIsIgnored() throws Exception {
        Path file = snapshot();
        byte[] bytes = Files.readAllBytes(file);
        Arrays.fill(bytes, 20, 24, (byte) 0x7f); // the first file name's length
        Files.write(file, bytes);
        assertThat(BuiltInNodes.fromSnapshot(file, CHECKSUM)).isNull();
    }

    @Test
    void missingSnapshotIsIgnored() {
        assertThat(BuiltInNodes.fromSnapshot(dir.resolve("none.nodes"), CHECKSUM)).isNull();
    }
}
