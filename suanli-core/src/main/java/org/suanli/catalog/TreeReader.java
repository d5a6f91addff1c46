package org.suanli.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.suanli.BadInputException;

/**
 * Reads YAML or JSON into a {@link Node} tree that remembers the line of every value, using
 * Jackson's streaming parser (a databind tree would lose the locations). Duplicate keys in a
 * mapping are an error, not a silent overwrite.
 */
public final class TreeReader {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonFactory JSON = new JsonFactory();

    private TreeReader() {
    }

    /** Reads a file; YAML unless its name ends in ".json". */
    public static Node read(Path path) {
        String shown = path.toString();
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(shown, "no such file", "expected a readable YAML or JSON file");
        } catch (IOException e) {
            throw new BadInputException(shown, "cannot be read (" + e.getMessage() + ")", "expected a readable YAML or JSON file");
        }
        return read(shown, text, shown.endsWith(".json"));
    }

    /** Reads a classpath resource; {@code shown} is the name used in messages. */
    public static Node readResource(String resource, String shown) {
        try (InputStream in = TreeReader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new BadInputException(shown, "built-in resource is missing", "expected it in the suanli-core jar");
            }
            return read(shown, new String(in.readAllBytes(), StandardCharsets.UTF_8), resource.endsWith(".json"));
        } catch (IOException e) {
            throw new BadInputException(shown, "cannot be read (" + e.getMessage() + ")", "");
        }
    }

    /** Parses text as YAML or JSON; {@code file} is the name used in messages. */
    public static Node read(String file, String text, boolean json) {
        try (Reader reader = new StringReader(text);
             JsonParser parser = json ? JSON.createParser(reader) : YAML.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new BadInputException(file + ":1", "the file is empty", "expected a mapping of kinds to entries");
            }
            Node root = readValue(file, parser);
            return root;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            String msg = e.getOriginalMessage().lines().findFirst().orElse("malformed").trim();
            throw new BadInputException(file + ":" + line, "malformed " + (json ? "JSON" : "YAML") + " (" + msg + ")",
                    "expected well-formed " + (json ? "JSON" : "YAML"));
        } catch (IOException e) {
            throw new BadInputException(file, "cannot be read (" + e.getMessage() + ")", "");
        }
    }

    private static Node readValue(String file, JsonParser p) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Node> entries = new LinkedHashMap<>();
                Map<String, Integer> keyLines = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    if (entries.containsKey(key)) {
                        throw new BadInputException(file + ":" + keyLine, "duplicate key '" + key + "'",
                                "expected each key once in a mapping (first at line " + keyLines.get(key) + ")");
                    }
                    p.nextToken();
                    entries.put(key, readValue(file, p));
                    keyLines.put(key, keyLine);
                }
                return new Node.Mapping(file, line, entries, keyLines);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(file, p));
                }
                return new Node.Sequence(file, line, items);
            }
            case VALUE_NULL:
                return new Node.Scalar(file, line, null, true, false);
            default:
                return new Node.Scalar(file, line, p.getText(), false, t == JsonToken.VALUE_STRING);
        }
    }
}
