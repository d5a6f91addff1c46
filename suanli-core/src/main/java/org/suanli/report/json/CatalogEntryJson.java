package org.suanli.report.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.suanli.report.CatalogView;
import org.suanli.report.Field;

/**
 * One catalog entry ({@code suanli catalog show --json}, and each entry of list and compare): its kind, then every
 * figure of {@link CatalogView} under its key (null where not published), the keys not published, and where the entry
 * is defined when that is asked for. The figures differ by kind, so the fields come from the entry's {@link Field}s.
 */
@JsonSerialize(using = CatalogEntryJson.Writer.class)
public record CatalogEntryJson(String kind, List<Field> fields, String definedAt) {

    /** Returns the entry without its origin (as in list and compare). */
    public static CatalogEntryJson of(String kind, Object entry) {
        return new CatalogEntryJson(kind, CatalogView.fields(entry), null);
    }

    /** Returns the entry with the file and line that define it (as in show). */
    public static CatalogEntryJson of(String kind, Object entry, String definedAt) {
        return new CatalogEntryJson(kind, CatalogView.fields(entry), definedAt);
    }

    /** Several entries: {@code catalog list} and {@code catalog efficiencies}. */
    public record Entries(int count, List<CatalogEntryJson> entries) {
        public static Entries of(List<CatalogEntryJson> entries) {
            return new Entries(entries.size(), entries);
        }
    }

    /** Entries of one kind side by side: {@code catalog compare}. */
    public record Comparison(String kind, List<CatalogEntryJson> entries) {
    }

    static final class Writer extends StdSerializer<CatalogEntryJson> {
        private static final long serialVersionUID = 1L;

        Writer() {
            super(CatalogEntryJson.class);
        }

        @Override
        public void serialize(CatalogEntryJson e, JsonGenerator gen, SerializerProvider provider) throws IOException {
            // a figure named like the entry's kind (an efficiency's own "kind") takes its value and keeps the first place
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("kind", e.kind());
            e.fields().forEach(f -> figures.put(f.key(), f.value()));
            gen.writeStartObject();
            for (Map.Entry<String, Object> f : figures.entrySet()) {
                gen.writeFieldName(f.getKey());
                provider.defaultSerializeValue(f.getValue(), gen);
            }
            gen.writeArrayFieldStart("not_published");
            for (Field f : e.fields()) {
                if (f.value() == null) {
                    gen.writeString(f.key());
                }
            }
            gen.writeEndArray();
            if (e.definedAt() != null) {
                gen.writeStringField("defined_at", e.definedAt());
            }
            gen.writeEndObject();
        }
    }
}
