package org.suanli.market;

import java.util.Optional;

/**
 * What the dataset says about checking one of the seed's forecasts: what was searched for when no comparable actual was
 * found, and any caveat on the comparison (e.g. a provider that restated its base year).
 */
public record SeedForecastNote(String series, Optional<String> searched, Optional<String> caveat) {
}
