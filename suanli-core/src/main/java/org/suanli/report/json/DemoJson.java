package org.suanli.report.json;

import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The demo ({@code suanli demo --json}): the seed report's AI servers as catalog entries, and each China-relevant
 * chip's export-control classification under every rule, both computed from the catalog.
 */
@JsonNaming(SnakeCase.class)
public record DemoJson(List<CatalogEntryJson> servers, List<ClassificationJson> exportControl) {
}
