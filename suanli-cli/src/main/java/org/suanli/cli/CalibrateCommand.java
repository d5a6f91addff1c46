package org.suanli.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.suanli.report.Json;
import org.suanli.validation.Calibrator;
import org.suanli.validation.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code suanli calibrate}: fit one family constant to a whole validation suite (how efficiency.yaml was made). */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Fit one efficiency constant of one hardware family to a whole validation suite (minimum MAPE).")
final class CalibrateCommand implements Runnable {
    @Mixin
    CommonOptions common;

    @Option(names = "--suite", required = true, description = "Validation suite name or file.")
    String suite;

    @Option(names = "--family", required = true, description = "Efficiency family id, e.g. nvidia-ampere.")
    String family;

    @Option(names = "--constant", required = true, description = "gemm, gemm_fp8, memory, attention, scale_up_collective or scale_out_collective.")
    String constant;

    @Option(names = "--range", defaultValue = "0.3:1.0", description = "Search interval lo:hi (default 0.3:1.0).")
    String range;

    @Override
    public void run() {
        common.checkFormat();
        String[] r = range.split(":");
        if (r.length != 2) {
            throw new UsageException("--range '" + range + "': expected lo:hi, e.g. 0.3:1.0");
        }
        double lo;
        double hi;
        try {
            lo = Double.parseDouble(r[0]);
            hi = Double.parseDouble(r[1]);
        } catch (NumberFormatException e) {
            throw new UsageException("--range '" + range + "': expected two numbers lo:hi");
        }
        if (!(lo > 0 && hi <= 1 && lo < hi)) {
            throw new UsageException("--range '" + range + "': expected 0 < lo < hi <= 1");
        }
        Calibrator.Fit fit = Calibrator.fit(Validator.load(suite), family, constant, lo, hi);
        if (common.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("family", fit.family());
            m.put("constant", fit.constant());
            m.put("value", fit.value());
            m.put("mape_pct", fit.mapePct());
            m.put("max_error_pct", fit.maxErrorPct());
            common.print(Json.write(m));
        } else {
            common.print(String.format(Locale.ROOT, "%s %s = %.3f gives MAPE %.2f%%, worst row %.2f%% on suite %s%n",
                    fit.family(), fit.constant(), fit.value(), fit.mapePct(), fit.maxErrorPct(), suite));
        }
    }
}
