package dev.isspectral.ensemble;

import java.io.Serializable;

/**
 * One column of an ensemble's results: its name, its type and whether it is a timing (run time,
 * step rate, threads: how a member ran, not what it computed, so left out when results of two runs
 * are compared).
 *
 * @param name   the column name
 * @param type   the value type
 * @param timing true for columns that differ from run to run
 */
public record EnsembleColumn(String name, Type type, boolean timing) implements Serializable {

    /** Value types, as Tablesaw and Spark SQL both have them. */
    public enum Type { INT, LONG, DOUBLE, STRING }
}
