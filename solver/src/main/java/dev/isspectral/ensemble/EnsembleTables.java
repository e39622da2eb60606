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
