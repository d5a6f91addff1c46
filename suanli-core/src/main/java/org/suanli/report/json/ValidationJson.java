package org.suanli.report.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.suanli.validation.ValidationPool;
import org.suanli.validation.ValidationSuite;
import org.suanli.validation.Validator;

/**
 * Predictions against published measurements ({@code suanli validate --json}): per suite, the errors in sample and held
 * out against the suite's bounds, the constants fitted on it, the errors per hardware family, every row, and the rows not
 * yet expressible.
 */
@JsonNaming(SnakeCase.class)
public record ValidationJson(String suite, String metric, double mapePct, double maxErrorPct, double heldOutMapePct,
                             double heldOutMaxErrorPct, double mapeBoundPct, double maxErrorBoundPct, Double heldOutMapeBoundPct,
                             Double familyHeldOutMapeBoundPct, boolean withinBounds, List<FittedConstant> fittedConstants,
                             Map<String, Family> families, List<Row> rows, List<NotExpressible> notExpressible) {

    /** Several suites' reports: the whole output. */
    public record Suites(List<ValidationJson> suites, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Pool> pools) {
        public static Suites of(List<Validator.Report> reports) {
            return of(reports, List.of());
        }

        /** The suites' reports with the cross-suite pools (printed only when every built-in suite ran). */
        public static Suites of(List<Validator.Report> reports, List<ValidationPool.Report> pools) {
            return new Suites(reports.stream().map(ValidationJson::of).toList(), pools.stream().map(Pool::of).toList());
        }
    }

    /** A cross-suite pool (validation/pools.yaml): rows of the listed metrics from every suite, against a held-out bound. */
    @JsonNaming(SnakeCase.class)
    public record Pool(String pool, List<String> metrics, int rows, List<String> suites, double mapePct, double heldOutMapePct,
                       double heldOutMaxErrorPct, double heldOutMapeBoundPct, boolean withinBounds) {
        static Pool of(ValidationPool.Report p) {
            return new Pool(p.pool().id(), p.pool().metrics(), p.members().size(), p.suites(), p.mapePct(), p.heldOutMapePct(),
                    p.heldOutMaxErrorPct(), p.pool().heldOutMapeBoundPct(), p.withinBounds());
        }
    }

    /** A constant fitted on the suite (and the suites it was fitted on). */
    public record FittedConstant(String family, String preset, String constant, double value, List<String> suites) {
    }

    /** The errors of one hardware family's rows. */
    @JsonNaming(SnakeCase.class)
    public record Family(int rows, double mapePct, double heldOutMapePct, double heldOutMaxErrorPct) {
    }

    /** One row: published, predicted in sample and held out, with the errors in percent. */
    @JsonNaming(SnakeCase.class)
    public record Row(String id, String family, String preset, String metric, double published, double predicted, double errorPct,
                      double heldOutPredicted, double heldOutErrorPct, String source) {
    }

    /** A row the model cannot express yet, and why. */
    public record NotExpressible(String id, String reason, String source) {
    }

    public static ValidationJson of(Validator.Report r) {
        ValidationSuite s = r.suite();
        Map<String, Family> families = new LinkedHashMap<>();
        r.byFamily().forEach((k, f) -> families.put(k, new Family(f.rows(), f.mapePct(), f.heldOutMapePct(), f.heldOutMaxErrorPct())));
        return new ValidationJson(s.name(), s.metric(), r.mapePct(), r.maxErrorPct(), r.heldOutMapePct(), r.heldOutMaxErrorPct(),
                s.mapeBoundPct(), s.maxErrorBoundPct(), nanToNull(s.heldOutMapeBoundPct()), nanToNull(s.familyHeldOutMapeBoundPct()),
                r.withinBounds(),
                r.fitted().stream().map(c -> new FittedConstant(c.family(), c.preset(), c.name(), c.value(), c.suites())).toList(),
                families,
                r.rows().stream().map(x -> new Row(x.row().id(), x.family(), x.preset(), s.metricOf(x.row()), x.row().published(),
                        x.predicted(), x.errorPct(), x.heldOutPredicted(), x.heldOutErrorPct(), x.row().source())).toList(),
                r.notExpressible().stream().map(x -> new NotExpressible(x.id(), x.notExpressible().orElse(""), x.source())).toList());
    }

    private static Double nanToNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
