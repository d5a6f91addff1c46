package org.suanli.catalog;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.suanli.BadInputException;

/**
 * The built-in catalog's {@link Node} trees and the built-in confidence envelope's, parsed once per JVM. Parsing the YAML took most of a
 * short CLI call, so the launcher writes a compact binary snapshot of the trees right after each
 * build ({@link #main}) and names it in the system property {@value #PROPERTY}; the snapshot holds
 * exactly what {@link TreeReader} produced, lines included, plus a checksum of the YAML it came
 * from. Without the property, or when the file is unreadable or was made from other YAML than the
 * resources on the classpath, the YAML is parsed as before.
 */
public final class BuiltInNodes {
    /** System property naming a snapshot file written by {@link #main}. */
    public static final String PROPERTY = "suanli.catalog.snapshot";
    private static final int MAGIC = 0x534E4F44; // "SNOD"
    private static final int VERSION = 3;
    private static final byte NULL = 0;
    private static final byte SCALAR = 1;
    private static final byte QUOTED = 2;
    private static final byte MAPPING = 3;
    private static final byte SEQUENCE = 4;
    private static final int MAX_COUNT = 1 << 20;

    /** The built-in resources, catalog files in {@link CatalogLoader#BUILT_IN} order, then the envelope. */
    static final List<String> RESOURCES = resources();
    private static final String ENVELOPE = "validation/envelope.yaml";

    private static volatile List<Node> cached;

    private static List<String> resources() {
        List<String> r = new ArrayList<>();
        CatalogLoader.BUILT_IN.forEach(f -> r.add("catalog/" + f));
        r.add(ENVELOPE);
        return List.copyOf(r);
    }

    private BuiltInNodes() {
    }

    /** Writes the snapshot of the built-in YAML on the classpath to the file given as the only argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -cp suanli.jar " + BuiltInNodes.class.getName() + " <snapshot file>");
            System.exit(2);
        }
        Path out = Path.of(args[0]).toAbsolutePath();
        List<byte[]> yaml = yaml();
        Path tmp = out.resolveSibling("." + out.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                write(o, checksum(yaml), parse(yaml));
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Returns the built-in catalog's trees in {@link CatalogLoader#BUILT_IN} order. */
    static List<Node> get() {
        return all().subList(0, CatalogLoader.BUILT_IN.size());
    }

    /** Returns the tree of the built-in confidence envelope ({@code validation/envelope.yaml}). */
    public static Node envelope() {
        return all().get(RESOURCES.size() - 1);
    }

    private static List<Node> all() {
        List<Node> n = cached;
        if (n == null) {
            synchronized (BuiltInNodes.class) {
                if (cached == null) {
                    List<byte[]> yaml = yaml();
                    String snapshot = System.getProperty(PROPERTY);
                    List<Node> fromSnapshot = snapshot == null || snapshot.isEmpty() ? null : fromSnapshot(Path.of(snapshot), checksum(yaml));
                    cached = fromSnapshot != null ? fromSnapshot : parse(yaml);
                }
                n = cached;
            }
        }
        return n;
    }

    static List<byte[]> yaml() {
        List<byte[]> yaml = new ArrayList<>();
        for (String file : RESOURCES) {
            yaml.add(resource("/" + file, file));
        }
        return yaml;
    }

    /** Parses the YAML resources, as when there is no usable snapshot. */
    static List<Node> parse(List<byte[]> yaml) {
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < yaml.size(); i++) {
            out.add(TreeReader.read(RESOURCES.get(i), new String(yaml.get(i), StandardCharsets.UTF_8), false));
        }
        return List.copyOf(out);
    }

    /** Returns the snapshot's trees, or null when the file is unreadable, damaged or was made from other YAML. */
    static List<Node> fromSnapshot(Path file, long checksum) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            return read(in, checksum);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static byte[] resource(String resource, String shown) {
        try (InputStream in = BuiltInNodes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new BadInputException(shown, "built-in resource is missing", "expected it in the suanli-core jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new BadInputException(shown, "cannot be read (" + e.getMessage() + ")", "");
        }
    }

    static long checksum(List<byte[]> yaml) {
        CRC32 crc = new CRC32();
        for (byte[] b : yaml) {
            crc.update(b.length >>> 24);
            crc.update(b.length >>> 16);
            crc.update(b.length >>> 8);
            crc.update(b.length);
            crc.update(b);
        }
        return crc.getValue();
    }

    static void write(DataOutputStream o, long checksum, List<Node> trees) throws IOException {
        o.writeInt(MAGIC);
        o.writeInt(VERSION);
        o.writeLong(checksum);
        o.writeInt(trees.size());
        for (Node t : trees) {
            string(o, t.file());
            node(o, t);
        }
    }

    private static void node(DataOutputStream o, Node n) throws IOException {
        if (n instanceof Node.Scalar s) {
            o.writeByte(s.isNull() ? NULL : s.quoted() ? QUOTED : SCALAR);
            o.writeInt(s.line());
            if (!s.isNull()) {
                string(o, s.text());
                o.writeByte(s.type().ordinal());
            }
        } else if (n instanceof Node.Mapping m) {
            o.writeByte(MAPPING);
            o.writeInt(m.line());
            o.writeInt(m.entries().size());
            for (Map.Entry<String, Node> e : m.entries().entrySet()) {
                string(o, e.getKey());
                o.writeInt(m.keyLines().get(e.getKey()));
                node(o, e.getValue());
            }
        } else {
            Node.Sequence q = (Node.Sequence) n;
            o.writeByte(SEQUENCE);
            o.writeInt(q.line());
            o.writeInt(q.items().size());
            for (Node item : q.items()) {
                node(o, item);
            }
        }
    }

    static List<Node> read(DataInputStream in, long checksum) throws IOException {
        if (in.readInt() != MAGIC || in.readInt() != VERSION || in.readLong() != checksum) {
            return null;
        }
        int files = count(in);
        if (files != RESOURCES.size()) {
            return null;
        }
        List<Node> out = new ArrayList<>(files);
        for (int i = 0; i < files; i++) {
            String file = string(in);
            out.add(node(in, file));
        }
        return List.copyOf(out);
    }

    private static Node node(DataInputStream in, String file) throws IOException {
        byte tag = in.readByte();
        int line = in.readInt();
        switch (tag) {
            case NULL:
                return new Node.Scalar(file, line, null, true, false);
            case SCALAR:
            case QUOTED:
            {
                String text = string(in);
                int type = in.readByte();
                if (type < 0 || type >= Node.Type.values().length) {
                    throw new IOException("bad scalar type " + type);
                }
                return new Node.Scalar(file, line, text, false, tag == QUOTED, Node.Type.values()[type]);
            }
            case MAPPING: {
                int size = count(in);
                Map<String, Node> entries = new LinkedHashMap<>();
                Map<String, Integer> keyLines = new LinkedHashMap<>();
                for (int i = 0; i < size; i++) {
                    String key = string(in);
                    keyLines.put(key, in.readInt());
                    entries.put(key, node(in, file));
                }
                return new Node.Mapping(file, line, entries, keyLines);
            }
            case SEQUENCE: {
                int size = count(in);
                List<Node> items = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    items.add(node(in, file));
                }
                return new Node.Sequence(file, line, items);
            }
            default:
                throw new IOException("bad node tag " + tag);
        }
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_COUNT) {
            throw new IOException("bad count " + n);
        }
        return n;
    }

    private static void string(DataOutputStream o, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        o.writeInt(b.length);
        o.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_COUNT) {
            throw new IOException("bad string length " + length);
        }
        byte[] b = new byte[length];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
