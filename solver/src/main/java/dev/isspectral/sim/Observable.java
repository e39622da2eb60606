package dev.isspectral.sim;

/** A named scalar measured on a solver's current state (a column of a run's history). */
public interface Observable {

    /** Column name, snake_case. */
    String name();

    /** The value at the solver's current state. */
    double measure(Solver solver);

    /**
     * An observable from a name (not blank; as a run's extra it must also differ from the history's columns,
     * {@link Run}) and a function.
     */
    static Observable of(String name, java.util.function.ToDoubleFunction<Solver> function) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name = " + (name == null ? "null" : "\"" + name + "\"")
                    + "; must be a non-blank column name, e.g. \"energy_at_origin\"");
        }
        if (function == null) {
            throw new IllegalArgumentException("function = null; must be a function of the solver, e.g. s -> s.time()");
        }
        return new Observable() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double measure(Solver solver) {
                return function.applyAsDouble(solver);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
