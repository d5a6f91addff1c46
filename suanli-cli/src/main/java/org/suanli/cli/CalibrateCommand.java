package org.suanli.cli;

import java.util.Locale;
import org.suanli.report.json.CalibrationJson;
import org.suanli.validation.Calibrator;
import org.suanli.validation.Constant;
import org.suanli.validation.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code suanli calibrate}: fit one end-to-end constant to the rows of a suite it acts on (how the fitted constants were made). */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Fit one end-to-end constant of a (family, software preset) to the rows of a validation suite it acts on (least squares of the relative errors).")
final class CalibrateCommand implements Runnable {
    @Mixin
    CommonOptions common;

    @Option(names = "--suite", required = true, split = ",", description = "Validation suite name(s) or file(s), comma-separated: the rows to fit on.")
    java.util.List<String> suites;

    @Option(names = "--family", required = true, description = "Hardware family id, e.g. nvidia-ampere.")
    String family;

    @Option(names = "--preset", required = true, description = "Training framework preset (e2e) or serving runtime (host_per_layer, layer_overhead), e.g. megatron-2021.")
    String preset;

    @Option(names = "--constant", defaultValue = "e2e", description = "e2e (default: a family's end-to-end GEMM constant on a preset), host_per_layer (a runtime's host time per layer) or layer_overhead (a runtime's GPU time per layer beyond the listed kernels).")
    String constant;

    @Override
    public void run() {
        common.checkFormat();
        if (!constant.equals("e2e") && !org.suanli.perf.Efficiency.RUNTIME_CONSTANTS.contains(constant)) {
            throw new UsageException("--constant '" + constant + "': expected e2e, host_per_layer or layer_overhead");
        }
        var catalog = common.catalog();
        catalog.get(org.suanli.catalog.Kind.EFFICIENCY, family);
        if (constant.equals("e2e")) {
            catalog.framework(preset);
        } else {
            catalog.runtime(preset);
        }
        suites.forEach(Validator::load);
        Constant c = new Constant(family, preset, constant, Double.NaN, suites);
        Calibrator.Fit fit;
        try (LongRun run = new LongRun("calibrating", "", -1, common.format() == OutputFormat.TABLE, false)) {
            fit = Calibrator.fit(catalog, c);
        }
        common.render(() -> CalibrationJson.of(fit), () -> csv(fit), () -> text(c, fit));
    }

    private String csv(Calibrator.Fit fit) {
        org.suanli.report.Table t = new org.suanli.report.Table(java.util.List.of("family", "preset", "constant", "value", "rows",
                "mape_pct", "max_error_pct"));
        t.add(family, preset, constant, String.valueOf(fit.value()), String.valueOf(fit.rows()), String.valueOf(fit.mapePct()),
                String.valueOf(fit.maxErrorPct()));
        return t.toCsv();
    }

    private String text(Constant c, Calibrator.Fit fit) {
        return String.format(Locale.ROOT, "%s = %s gives MAPE %.2f%%, worst row %.2f%% on the %d rows of %s it acts on%n",
                c.label(), constant.equals("e2e") ? String.format(Locale.ROOT, "%.3f", fit.value())
                        : String.format(Locale.ROOT, "%.1f us", fit.value() * 1e6), fit.mapePct(), fit.maxErrorPct(), fit.rows(), String.join(" + ", suites));
    }
}
