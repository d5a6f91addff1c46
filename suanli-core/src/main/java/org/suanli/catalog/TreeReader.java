package org.suanli.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.suanli.BadInputException;
import org.suanli.io.LimitedReader;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The one strict reader of YAML and JSON input (catalog, model, demand, validation suite, Hugging
 * Face config): builds a {@link Node} tree that remembers the line of every value, using Jackson's
 * streaming parser (a databind tree would lose the locations). It refuses, with one error naming
 * file:line, duplicate keys, YAML aliases (which Jackson would read as the alias's name, not its
 * value), more than one document, nesting deeper than {@link #MAX_NESTING}, and input past its size
 * limits, which are enforced while reading: {@link #MAX_FILE_CHARS} per file, {@link #MAX_LINE_CHARS}
 * per YAML line (SnakeYAML's scanning of one long line is quadratic), {@link #MAX_STRING_CHARS} per
 * value and {@link #MAX_NUMBER_CHARS} per number.
 */
public final class TreeReader {
    /** The most characters one input file may hold (8 Mi; the whole built-in catalog is under 200 Ki). */
    public static final long MAX_FILE_CHARS = 8L << 20;
    /** The most characters one line of a YAML file may hold. */
    public static final int MAX_LINE_CHARS = 64 << 10;
    /** The most characters one string value may hold. */
    public static final int MAX_STRING_CHARS = 256 << 10;
    /** The deepest nesting of mappings and lists. */
    public static final int MAX_NESTING = 64;
    /** The most characters one number may hold. */
    public static final int MAX_NUMBER_CHARS = 64;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxStringLength(MAX_STRING_CHARS)
            .maxNestingDepth(MAX_NESTING)
            .maxNumberLength(MAX_NUMBER_CHARS)
            .maxDocumentLength(MAX_FILE_CHARS)
            .build();
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .streamReadConstraints(LIMITS)
            .loaderOptions(loaderOptions())
            .build();
    private static final JsonFactory JSON = JsonFactory.builder().streamReadConstraints(LIMITS).build();

    private TreeReader() {
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, MAX_FILE_CHARS + 1));
        o.setNestingDepthLimit(MAX_NESTING);
        o.setMaxAliasesForCollections(0);
        return o;
    }

    /** Reads a file; YAML unless its name ends in ".json". */
    public static Node read(Path path) {
        String shown = path.toString();
        if (Files.isDirectory(path)) {
            throw new BadInputException(shown, "is a folder", "expected a readable YAML or JSON file");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new BadInputException(shown, "is not a regular file", "expected a readable YAML or JSON file");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return read(shown, reader(in), shown.endsWith(".json"));
        } catch (NoSuchFileException e) {
            throw new BadInputException(shown, "no such file", "expected a readable YAML or JSON file");
        } catch (IOException e) {
            throw new BadInputException(shown, "cannot be read (" + e.getMessage() + ")", "expected a readable YAML or JSON file");
        }
    }

    /** Reads a classpath resource; {@code shown} is the name used in messages. */
    public static Node readResource(String resource, String shown) {
        try (InputStream in = TreeReader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new BadInputException(shown, "built-in resource is missing", "expected it in the suanli-core jar");
            }
            return read(shown, reader(in), resource.endsWith(".json"));
        } catch (IOException e) {
            throw new BadInputException(shown, "cannot be read (" + e.getMessage() + ")", "");
        }
    }

    /** Parses text as YAML or JSON; {@code file} is the name used in messages. */
    public static Node read(String file, String text, boolean json) {
        return read(file, new StringReader(text), json);
    }

    private static Reader reader(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** Parses YAML or JSON from {@code source}, enforcing the limits while reading; {@code file} names it in messages. */
    public static Node read(String file, Reader source, boolean json) {
        String format = json ? "JSON" : "YAML";
        LimitedReader reader = new LimitedReader(source, MAX_FILE_CHARS, json ? Long.MAX_VALUE : MAX_LINE_CHARS);
        try (JsonParser parser = json ? JSON.createParser(reader) : YAML.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new BadInputException(file + ":1", "the file is empty", "expected a mapping of kinds to entries");
            }
            Node root = readValue(file, parser, null);
            if (parser.nextToken() != null) {
                int line = parser.currentTokenLocation().getLineNr();
                throw new BadInputException(file + ":" + Math.max(1, line), "more than one " + (json ? "value" : "document"),
                        "expected a single " + format + " " + (json ? "value" : "document"));
            }
            return root;
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw failure(file, format, reader, e);
        }
    }

    private static BadInputException failure(String file, String format, LimitedReader reader, Exception e) {
        LimitedReader.LimitExceeded limit = LimitedReader.find(e);
        if (limit != null) {
            return new BadInputException(file + ":" + limit.line(), limit.what(), limit.expected());
        }
        int line = reader.line();
        if (e instanceof JsonProcessingException j && j.getLocation() != null && j.getLocation().getLineNr() > 0) {
            line = j.getLocation().getLineNr();
        }
        if (e instanceof StreamConstraintsException || e.getCause() instanceof StreamConstraintsException) {
            String msg = firstLine(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage());
            return new BadInputException(file + ":" + line, "too large (" + msg + ")",
                    "expected strings under " + MAX_STRING_CHARS + " characters, numbers under " + MAX_NUMBER_CHARS
                            + " digits and nesting under " + MAX_NESTING + " levels");
        }
        if (findCause(e, CharacterCodingException.class)) {
            return new BadInputException(file + ":" + line, "is not UTF-8 text", "expected a UTF-8 " + format + " file");
        }
        if (e instanceof JsonProcessingException j) {
            return new BadInputException(file + ":" + line, "malformed " + format + " (" + firstLine(j.getOriginalMessage()) + ")",
                    "expected well-formed " + format);
        }
        if (e instanceof IOException) {
            return new BadInputException(file, "cannot be read (" + firstLine(e.getMessage()) + ")", "");
        }
        // SnakeYAML reports some malformed input as its own runtime exceptions
        return new BadInputException(file + ":" + line, "malformed " + format + " (" + firstLine(e.getMessage()) + ")",
                "expected well-formed " + format);
    }

    private static boolean findCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        return s == null ? "malformed" : s.lines().findFirst().orElse("malformed").trim();
    }

    private static Node readValue(String file, JsonParser p, String key) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
            throw new BadInputException(file + ":" + line, (key == null ? "" : key + ": ") + "YAML alias '*" + p.getText()
                    + "' is not supported", "expected the value written out (anchors and aliases are not read)");
        }
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Node> entries = new LinkedHashMap<>();
                Map<String, Integer> keyLines = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    if (entries.containsKey(name)) {
                        throw new BadInputException(file + ":" + keyLine, "duplicate key '" + name + "'",
                                "expected each key once in a mapping (first at line " + keyLines.get(name) + ")");
                    }
                    p.nextToken();
                    entries.put(name, readValue(file, p, name));
                    keyLines.put(name, keyLine);
                }
                return new Node.Mapping(file, line, entries, keyLines);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(file, p, key));
                }
                return new Node.Sequence(file, line, items);
            }
            case VALUE_NULL:
                return new Node.Scalar(file, line, null, true, false, Node.Type.NULL);
            case VALUE_STRING:
                return scalar(file, line, key, p.getText(), true, Node.Type.STRING);
            case VALUE_NUMBER_INT:
                return scalar(file, line, key, p.getText(), false, Node.Type.INTEGER);
            case VALUE_NUMBER_FLOAT:
                return scalar(file, line, key, p.getText(), false, Node.Type.DECIMAL);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return scalar(file, line, key, p.getText(), false, Node.Type.BOOLEAN);
            default:
                throw new BadInputException(file + ":" + line, (key == null ? "" : key + ": ") + "unsupported value (" + t + ")",
                        "expected text, a number, a boolean, a list or a mapping");
        }
    }

    private static Node.Scalar scalar(String file, int line, String key, String text, boolean quoted, Node.Type type) {
        if (text.length() > MAX_STRING_CHARS) {
            throw new BadInputException(file + ":" + line, (key == null ? "" : key + ": ") + "value longer than "
                    + MAX_STRING_CHARS + " characters", "expected a shorter value");
        }
        return new Node.Scalar(file, line, text, false, quoted, type);
    }
}
