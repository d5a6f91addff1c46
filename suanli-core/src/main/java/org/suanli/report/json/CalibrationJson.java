package org.suanli.report.json;

import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.suanli.validation.Calibrator;

/**
 * One fitted constant ({@code suanli calibrate --json}): which (family, preset) and constant, its value, the rows it was
 * fitted on and the errors it leaves.
 */
@JsonNaming(SnakeCase.class)
public record CalibrationJson(String family, String preset, String constant, double value, int rows, double mapePct, double maxErrorPct) {

    public static CalibrationJson of(Calibrator.Fit fit) {
        return new CalibrationJson(fit.constant().family(), fit.constant().preset(), fit.constant().name(), fit.value(), fit.rows(),
                fit.mapePct(), fit.maxErrorPct());
    }
}
