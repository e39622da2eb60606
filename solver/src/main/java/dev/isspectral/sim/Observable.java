package dev.isspectral.sim;

/** A named scalar measured on a solver's current state (a column of a run's history). */
public interface Observable {

    /** Column name, snake_case. */
    String name();

    /** The value at the solver's current state. */
    double measure(Solver solver);

    /** An observable from a name and a function. */
    static Observable of(String name, java.util.function.ToDoubleFunction<Solver> function) {
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
