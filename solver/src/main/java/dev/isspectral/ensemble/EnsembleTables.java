package dev.isspectral.ensemble;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Builds the results table of an ensemble from its members' rows. */
public final class EnsembleTables {

    private EnsembleTables() {
    }

    /** One row per member, in member order, with the plan's columns. */
    public static Table of(EnsemblePlan plan, List<Member> members, List<MemberResult> results, String name) {
        if (members.size() != results.size()) {
            throw new IllegalArgumentException("results = " + results.size() + " for " + members.size() + " members; need one each");
        }
        List<EnsembleColumn> columns = plan.columns();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            if (results.get(i).index() != members.get(i).index()) {
                throw new IllegalArgumentException("result " + i + " is for member " + results.get(i).index()
                        + ", not member " + members.get(i).index() + "; results must be in member order");
            }
            rows.add(plan.row(members.get(i), results.get(i)));
        }
        return fromRows(columns, rows, name);
    }

    /** Relative error of the fitted Ω. */
    public static final String OMEGA_ERROR = "omega_rel_error";
    /** Relative error of the fitted Γ. */
    public static final String GAMMA_ERROR = "gamma_rel_error";

    /**
     * A copy of mode-fit results ({@link Measurements#soundMode()}, {@link Measurements#shearMode()})
     * with {@value #OMEGA_ERROR} = |Ω/Ω_exact − 1| (|Ω| where Ω_exact = 0: an overdamped mode) and
     * {@value #GAMMA_ERROR} = |Γ/Γ_exact − 1| added; NaN for failed members.
     */
    public static Table withRelativeErrors(Table results) {
        for (String c : List.of(Measurements.OMEGA, Measurements.OMEGA_EXACT, Measurements.GAMMA, Measurements.GAMMA_EXACT)) {
            if (!results.columnNames().contains(c)) {
                throw new IllegalArgumentException("results lack column \"" + c + "\"; must be measured with soundMode() or shearMode()");
            }
        }
        DoubleColumn omegaError = DoubleColumn.create(OMEGA_ERROR);
        DoubleColumn gammaError = DoubleColumn.create(GAMMA_ERROR);
        for (int r = 0; r < results.rowCount(); r++) {
            double omega = results.doubleColumn(Measurements.OMEGA).getDouble(r);
            double omegaExact = results.doubleColumn(Measurements.OMEGA_EXACT).getDouble(r);
            omegaError.append(omegaExact == 0 ? Math.abs(omega) : Math.abs(omega / omegaExact - 1));
            gammaError.append(Math.abs(results.doubleColumn(Measurements.GAMMA).getDouble(r)
                    / results.doubleColumn(Measurements.GAMMA_EXACT).getDouble(r) - 1));
        }
        Table out = results.copy();
        out.addColumns(omegaError, gammaError);
        return out;
    }

    /** A table of {@code columns} from rows of Integer, Long, Double and String values (null: missing). */
    public static Table fromRows(List<EnsembleColumn> columns, List<Object[]> rows, String name) {
        Table t = Table.create(name);
        for (int c = 0; c < columns.size(); c++) {
            EnsembleColumn col = columns.get(c);
            Column<?> column = switch (col.type()) {
                case INT -> {
                    IntColumn ic = IntColumn.create(col.name());
                    for (Object[] r : rows) {
                        if (r[c] == null) {
                            ic.appendMissing();
                        } else {
                            ic.append(((Number) r[c]).intValue());
                        }
                    }
                    yield ic;
                }
                case LONG -> {
                    LongColumn lc = LongColumn.create(col.name());
                    for (Object[] r : rows) {
                        if (r[c] == null) {
                            lc.appendMissing();
                        } else {
                            lc.append(((Number) r[c]).longValue());
                        }
                    }
                    yield lc;
                }
                case DOUBLE -> {
                    DoubleColumn dc = DoubleColumn.create(col.name());
                    for (Object[] r : rows) {
                        dc.append(r[c] == null ? Double.NaN : ((Number) r[c]).doubleValue());
                    }
                    yield dc;
                }
                case STRING -> {
                    StringColumn sc = StringColumn.create(col.name());
                    for (Object[] r : rows) {
                        sc.append(r[c] == null ? "" : (String) r[c]);
                    }
                    yield sc;
                }
            };
            t.addColumns(column);
        }
        return t;
    }
}
