package dev.isspectral.time;

import dev.isspectral.parallel.Workers;
import dev.isspectral.trace.Span;
import dev.isspectral.trace.Tracer;

/**
 * Runs any {@link Tableau} on an {@link Rhs}, in place on the caller's arrays.
 *
 * <p>For an IMEX tableau each implicit stage i with diagonal a = A_ii is solved pointwise by the
 * predictor–corrector of physics.md §6.3: Ŷ_i = Uⁿ + h Σ_{j<i}(Â_ij E_j + A_ij I_j); predictor
 * Y_i⁰ = solve(Ŷ_i) with the stiff data of the previous pass; one pass at Y_i⁰ gives E_i (only if a
 * later stage or the final sum uses it) and fresh stiff data; corrector Y_i = solve(Ŷ_i) with them;
 * I_i = (X(Y_i) − X̂_i)/(h a). For ARS(2,2,2) this is exactly the three-pass step of §6.3. For an
 * explicit tableau every stage is one pass with the relaxation terms included in E.
 *
 * <p>All stage storage is allocated once, in the constructor; a step allocates nothing. The stage
 * arithmetic (combinations, implicit solves, implicit rates) runs in single fused passes per stage
 * (without preallocation, the naive path, each combination is a copy and one pass per term),
 * split over a {@link Workers} team on large grids; each point's arithmetic is the same whatever the
 * split, so results do not depend on the team size.
 */
public final class ImexStepper {

    private final Tableau tableau;
    private final Rhs rhs;
    private final Tracer tracer;
    private final int fields;
    private final int points;
    private final boolean[] relaxing;
    private final boolean[] evolved;
    private final int[] rateGroups;
    private final boolean preallocated;
    private final boolean tiled;
    private double[][][] explicitStages;
    private double[][][] implicitStages;
    private double[][] predicted;
    private double[][] stageValue;
    private Relaxation previous;
    private Relaxation current;
    private final String[] stageSpanNames;
    private final Workers workers;
    private final int[] termCounts;
    private final double[][] termWeights;
    private final double[][][] termArrays;
    // the stage passes as worker tasks, each prepared with its arguments before it runs
    private final Combine combineTask = new Combine();
    private final StageSolve predictTask = new StageSolve(false);
    private final StageSolve correctTask = new StageSolve(true);
    private final Rate rateTask = new Rate();
    private final CombineAndPredict combineAndPredictTask = new CombineAndPredict();

    /** Points per tile of the tiled stage pass, at most: Ŷ_i of one tile (ten fields) stays in L1/L2 until it is read. */
    public static final int STAGE_TILE = 512;

    /** A stepper for {@code tableau} on {@code rhs}, with relaxation storage laid out by {@code rateGroups}. */
    public ImexStepper(Tableau tableau, Rhs rhs, int[] rateGroups, Tracer tracer) {
        this(tableau, rhs, rateGroups, tracer, true);
    }

    /**
     * As above; without {@code preallocated} every step allocates its stage storage afresh (the
     * naive code path of the baseline tuning; same results). The stiff data of the last pass is
     * carried over between steps either way.
     */
    public ImexStepper(Tableau tableau, Rhs rhs, int[] rateGroups, Tracer tracer, boolean preallocated) {
        this(tableau, rhs, rateGroups, tracer, preallocated, Workers.create(1));
    }

    /** As above, with the stage arithmetic split over {@code workers} on large grids (same results). */
    public ImexStepper(Tableau tableau, Rhs rhs, int[] rateGroups, Tracer tracer, boolean preallocated,
                       Workers workers) {
        this(tableau, rhs, rateGroups, tracer, preallocated, workers, false);
    }

    /**
     * As above; with {@code tiled} (and preallocated storage) each implicit stage's combination Ŷ_i and its
     * predictor solve run tile by tile inside the right-hand side's first pointwise pass (the primitive recovery),
     * instead of as two whole-array passes before it, so the predictor reads Ŷ_i and the recovery reads Y_i⁰ from
     * cache. Each point's arithmetic is unchanged: the same bits. The profile then shows that work inside
     * {@code rhs/primitives}, not as {@code combine} and {@code relax}.
     */
    public ImexStepper(Tableau tableau, Rhs rhs, int[] rateGroups, Tracer tracer, boolean preallocated,
                       Workers workers, boolean tiled) {
        this.tiled = tiled;
        this.workers = workers;
        this.termCounts = new int[rhs.fieldCount()];
        this.termWeights = new double[rhs.fieldCount()][2 * tableau.stages()];
        this.termArrays = new double[rhs.fieldCount()][2 * tableau.stages()][];
        this.tableau = tableau;
        this.rateGroups = rateGroups.clone();
        this.preallocated = preallocated;
        this.rhs = rhs;
        this.tracer = tracer;
        this.fields = rhs.fieldCount();
        this.points = rhs.points();
        this.relaxing = rhs.relaxing().clone();
        this.evolved = rhs.evolved().clone();
        for (int f = 0; f < fields; f++) {
            if (relaxing[f] && !evolved[f]) {
                throw new IllegalArgumentException("field " + f + " relaxes but does not evolve");
            }
        }
        allocateStages();
        this.previous = new Relaxation(points, rateGroups);
        // One set of stiff data suffices with preallocated storage: each pass's K, X_NS are written by the kernel
        // after the predictor of that stage has read the previous pass's (in the tiled path too: the predictor runs
        // inside the primitive recovery, before the gradients the kernel needs), and nothing reads the old data
        // after that, so the pass overwrites them in place, the same bits. The naive path keeps two.
        this.current = preallocated ? previous : new Relaxation(points, rateGroups);
        this.stageSpanNames = new String[tableau.stages()];
        for (int i = 0; i < tableau.stages(); i++) {
            stageSpanNames[i] = "stage" + (i + 1);
        }
    }

    private void allocateStages() {
        int s = tableau.stages();
        boolean stifflyAccurate = tableau.stifflyAccurate();
        this.explicitStages = new double[s][][];
        this.implicitStages = new double[s][][];
        for (int j = 0; j < s; j++) {
            if (explicitColumnUsed(j, stifflyAccurate)) {
                explicitStages[j] = new double[fields][];
                for (int f = 0; f < fields; f++) {
                    if (evolved[f]) {
                        explicitStages[j][f] = new double[points];
                    }
                }
            }
            if (tableau.imex() && implicitColumnUsed(j, stifflyAccurate)) {
                implicitStages[j] = new double[fields][];
                for (int f = 0; f < fields; f++) {
                    if (relaxing[f]) {
                        implicitStages[j][f] = new double[points];
                    }
                }
            }
        }
        // Stage values: a field that does not evolve is read from the state itself, and a field
        // that does not relax has its stage value equal to its predicted value (aliases set per step).
        this.predicted = new double[fields][];
        this.stageValue = new double[fields][];
        for (int f = 0; f < fields; f++) {
            if (evolved[f]) {
                predicted[f] = new double[points];
            }
            if (relaxing[f]) {
                stageValue[f] = new double[points];
            }
        }
    }

    private void aliasStageValues(double[][] u) {
        for (int f = 0; f < fields; f++) {
            if (!evolved[f]) {
                predicted[f] = u[f];
            }
            if (!relaxing[f]) {
                stageValue[f] = predicted[f];
            }
        }
    }

    /**
     * Doubles per grid point a stepper holds for {@code tableau} with these relaxing and evolving
     * fields and {@code rateGroupCount} distinct relaxation rates (what {@link #bytesHeld()} reports,
     * per point, computed without allocating).
     */
    public static long storagePerPoint(Tableau tableau, boolean[] relaxing, boolean[] evolved, int rateGroupCount) {
        return storagePerPoint(tableau, relaxing, evolved, rateGroupCount, true);
    }

    /**
     * As above, for preallocated storage (one set of stiff data, K and X_NS, overwritten in place by each pass) or
     * the naive path's (two: the previous pass's and the current one's).
     */
    public static long storagePerPoint(Tableau tableau, boolean[] relaxing, boolean[] evolved, int rateGroupCount,
                                       boolean preallocated) {
        int evolvedCount = 0;
        int relaxingCount = 0;
        for (int f = 0; f < evolved.length; f++) {
            evolvedCount += evolved[f] ? 1 : 0;
            relaxingCount += relaxing[f] ? 1 : 0;
        }
        boolean stifflyAccurate = tableau.stifflyAccurate();
        long doubles = evolvedCount + relaxingCount + (preallocated ? 1L : 2L) * (rateGroupCount + relaxingCount);
        for (int j = 0; j < tableau.stages(); j++) {
            if (columnUsed(tableau.explicitA(), tableau.explicitB(), j, stifflyAccurate)) {
                doubles += evolvedCount;
            }
            if (tableau.imex() && columnUsed(tableau.implicitA(), tableau.implicitB(), j, stifflyAccurate)) {
                doubles += relaxingCount;
            }
        }
        return doubles;
    }

    private static boolean columnUsed(double[][] a, double[] b, int j, boolean stifflyAccurate) {
        for (int i = j + 1; i < a.length; i++) {
            if (a[i][j] != 0) {
                return true;
            }
        }
        return !stifflyAccurate && b[j] != 0;
    }

    public Tableau tableau() {
        return tableau;
    }

    /** The stiff data of the last pass (K and X_NS at the last evaluated state). */
    public Relaxation lastRelaxation() {
        return previous;
    }

    /** Bytes held by stage storage (arrays it owns; aliases of the state are not counted). */
    public long bytesHeld() {
        long doubles = 0;
        for (int f = 0; f < fields; f++) {
            doubles += evolved[f] ? points : 0;
            doubles += relaxing[f] ? points : 0;
        }
        for (int j = 0; j < tableau.stages(); j++) {
            for (double[][] stage : new double[][][] {explicitStages[j], implicitStages[j]}) {
                if (stage != null) {
                    for (double[] a : stage) {
                        doubles += a == null ? 0 : a.length;
                    }
                }
            }
        }
        return 8 * doubles + previous.bytesHeld() + (current == previous ? 0 : current.bytesHeld());
    }

    /**
     * Advances {@code u} (indexed [field][point]) by one step of size {@code h}. The new values are written into u's
     * arrays, except that with preallocated storage and a stiffly accurate tableau the last stage's arrays are handed
     * over instead ({@link #handOver}): then u holds other arrays (of the same length) after the step, so a caller
     * reads {@code u[f]} again after each step rather than keep a field array across steps.
     */
    public void step(double[][] u, double h, long stepNumber) {
        if (!preallocated) {
            allocateStages();
            current = new Relaxation(points, rateGroups);
        }
        aliasStageValues(u);
        int s = tableau.stages();
        boolean imex = tableau.imex();
        double[][] lastStage = u;
        for (int i = 0; i < s; i++) {
            try (Span span = tracer.open(stageSpanNames[i])) {
                double a = imex ? tableau.implicitA()[i][i] : 0.0;
                boolean fuse = tiled && preallocated && i > 0 && a != 0.0;
                double[][] yHat = i == 0 ? u : fuse ? prepareCombineAndPredict(u, h, i, h * a) : combine(u, h, i);
                rhs.position(stepNumber, i + 1);
                if (a == 0.0) {
                    double[][] explicit = explicitStages[i];
                    rhs.evaluate(yHat, explicit == null ? Rhs.Pass.STIFF_DATA
                            : imex ? Rhs.Pass.EXPLICIT : Rhs.Pass.EXPLICIT_AND_RELAXATION, explicit, current);
                    if (implicitStages[i] != null) {
                        run(rateTask.prepare(current, yHat, implicitStages[i]));
                    }
                    lastStage = yHat;
                } else {
                    double ha = h * a;
                    if (!fuse) {
                        try (Span r = tracer.open("relax")) {
                            run(predictTask.prepare(previous, yHat, ha, null));
                        }
                    }
                    double[][] explicit = explicitStages[i];
                    Rhs.Pass pass = explicit == null ? Rhs.Pass.STIFF_DATA : Rhs.Pass.EXPLICIT;
                    if (fuse) {
                        // Ŷ_i and the predictor, tile by tile, inside the right-hand side's first pointwise pass
                        try {
                            rhs.evaluate(combineAndPredictTask, stageValue, pass, explicit, current);
                        } finally {
                            combineAndPredictTask.clear();
                            clearTerms();
                        }
                    } else {
                        rhs.evaluate(stageValue, pass, explicit, current);
                    }
                    try (Span r = tracer.open("relax")) {
                        // corrector and, in the same pass, the implicit rate I_i = (Y_i − Ŷ_i)/(h a)
                        run(correctTask.prepare(current, yHat, ha, implicitStages[i]));
                    }
                    lastStage = stageValue;
                }
                Relaxation swap = previous;   // the same object with preallocated storage
                previous = current;
                current = swap;
            }
        }
        if (tableau.stifflyAccurate()) {
            if (lastStage != u) {
                for (int f = 0; f < fields; f++) {
                    if (lastStage[f] == u[f]) {
                        continue;
                    }
                    if (preallocated) {
                        handOver(u, f, lastStage[f]);
                    } else {
                        System.arraycopy(lastStage[f], 0, u[f], 0, points);
                    }
                }
            }
        } else {
            try (Span span = tracer.open("combine")) {
                accumulate(u, h, tableau.explicitB(), imex ? tableau.implicitB() : null, u);
            }
        }
    }

    /**
     * U^{n+1} = Y_s for a stiffly accurate tableau without a copy: the stage array {@code last} becomes field
     * {@code f} of the state and the state's old array takes its place among the stage arrays (every slot that held
     * it: a field that does not relax has its stage value aliased to its predicted value), to be overwritten by the
     * next step before it is read. The same values as copying; the state's arrays are exchanged, not rewritten.
     */
    private void handOver(double[][] u, int f, double[] last) {
        double[] old = u[f];
        u[f] = last;
        if (predicted[f] == last) {
            predicted[f] = old;
        }
        if (stageValue[f] == last) {
            stageValue[f] = old;
        }
    }

    /** Ŷ_i = u + h Σ_{j<i} (Â_ij E_j + A_ij I_j), into {@code predicted}. */
    private double[][] combine(double[][] u, double h, int i) {
        try (Span span = tracer.open("combine")) {
            double[] explicitRow = tableau.explicitA()[i];
            double[] implicitRow = tableau.imex() ? tableau.implicitA()[i] : null;
            accumulatePartial(u, h, explicitRow, implicitRow, i, predicted);
            return predicted;
        }
    }

    /**
     * Prepares the tiled pass that writes Ŷ_i into {@code predicted} and the predictor Y_i⁰ = solve(Ŷ_i) with the
     * previous pass's stiff data into the stage values; the right-hand side runs it tile by tile just before
     * recovering the primitives of those points ({@link Rhs#evaluate(Workers.Chunk, double[][], Rhs.Pass, double[][],
     * Relaxation)}), so Ŷ_i and Y_i⁰ are read back from cache.
     */
    private double[][] prepareCombineAndPredict(double[][] u, double h, int i, double ha) {
        prepareTerms(h, tableau.explicitA()[i], tableau.implicitA()[i], i);
        combineAndPredictTask.prepare(u, previous, ha);
        return predicted;
    }

    private void accumulate(double[][] u, double h, double[] explicitWeights, double[] implicitWeights, double[][] out) {
        accumulatePartial(u, h, explicitWeights, implicitWeights, tableau.stages(), out);
    }

    private void accumulatePartial(double[][] u, double h, double[] explicitWeights, double[] implicitWeights,
                                   int upTo, double[][] out) {
        prepareTerms(h, explicitWeights, implicitWeights, upTo);
        try {
            if (!preallocated) {
                separatePasses(u, out);
            } else {
                run(combineTask.prepare(u, out));
            }
        } finally {
            clearTerms();
        }
    }

    private void clearTerms() {
        for (double[][] terms : termArrays) {
            java.util.Arrays.fill(terms, null);
        }
    }

    /** The terms of each field's sum Σ_{j<upTo} h (Â_ij E_j + A_ij I_j), into termCounts/termWeights/termArrays. */
    private void prepareTerms(double h, double[] explicitWeights, double[] implicitWeights, int upTo) {
        // the terms of each field's sum, in the order of term-by-term passes (j = 0, 1, …; explicit first)
        for (int f = 0; f < fields; f++) {
            int count = 0;
            if (evolved[f]) {
                for (int j = 0; j < upTo; j++) {
                    double we = h * explicitWeights[j];
                    if (we != 0.0) {
                        termWeights[f][count] = we;
                        termArrays[f][count++] = explicitStages[j][f];
                    }
                    if (implicitWeights != null && implicitWeights[j] != 0.0 && relaxing[f]) {
                        termWeights[f][count] = h * implicitWeights[j];
                        termArrays[f][count++] = implicitStages[j][f];
                    }
                }
            }
            termCounts[f] = count;
        }
    }

    /** The naive path (baseline tuning): a copy, then one pass over memory per term, on the caller's thread. */
    private void separatePasses(double[][] u, double[][] out) {
        for (int f = 0; f < fields; f++) {
            if (!evolved[f]) {
                continue;
            }
            double[] o = out[f];
            if (o != u[f]) {
                System.arraycopy(u[f], 0, o, 0, points);
            }
            for (int t = 0; t < termCounts[f]; t++) {
                double w = termWeights[f][t];
                double[] a = termArrays[f][t];
                for (int p = 0; p < points; p++) {
                    o[p] += w * a[p];
                }
            }
        }
    }

    private void run(Task task) {
        try {
            workers.forEachPiece(points, Workers.STREAMING_GRAIN, task);
        } finally {
            task.clear();
        }
    }

    /** A stage pass run by the team; {@code clear} drops the references of its arguments after the run. */
    private interface Task extends Workers.Chunk {
        void clear();
    }

    /** out = u + Σ_t w_t T_t over the prepared terms ({@link #combineChunk}). */
    private final class Combine implements Task {
        private double[][] u;
        private double[][] out;

        Combine prepare(double[][] u, double[][] out) {
            this.u = u;
            this.out = out;
            return this;
        }

        @Override
        public void run(int chunk, int from, int to) {
            combineChunk(u, out, from, to);
        }

        @Override
        public void clear() {
            u = null;
            out = null;
        }
    }

    /** Ŷ_i = u + Σ_t w_t T_t, then the predictor solve of it, per tile of {@link #STAGE_TILE} points. */
    private final class CombineAndPredict implements Task {
        private double[][] u;
        private Relaxation relaxation;
        private double ha;

        CombineAndPredict prepare(double[][] u, Relaxation relaxation, double ha) {
            this.u = u;
            this.relaxation = relaxation;
            this.ha = ha;
            return this;
        }

        @Override
        public void run(int chunk, int from, int to) {
            for (int t0 = from; t0 < to; t0 += STAGE_TILE) {
                int t1 = Math.min(to, t0 + STAGE_TILE);
                combineChunk(u, predicted, t0, t1);
                relaxation.solve(predicted, ha, stageValue, t0, t1);
            }
        }

        @Override
        public void clear() {
            u = null;
            relaxation = null;
        }
    }

    /**
     * The implicit stage solve Y = solve(Ŷ) with stiff data {@code relaxation}: the predictor (no
     * implicit output) or the corrector, which also writes I_i = (Y_i − Ŷ_i)/(h a) if asked.
     */
    private final class StageSolve implements Task {
        private final boolean corrector;
        private Relaxation relaxation;
        private double[][] yHat;
        private double ha;
        private double[][] implicit;

        StageSolve(boolean corrector) {
            this.corrector = corrector;
        }

        StageSolve prepare(Relaxation relaxation, double[][] yHat, double ha, double[][] implicit) {
            this.relaxation = relaxation;
            this.yHat = yHat;
            this.ha = ha;
            this.implicit = implicit;
            return this;
        }

        @Override
        public void run(int chunk, int from, int to) {
            relaxation.solve(yHat, ha, stageValue, from, to);
            if (corrector && implicit != null) {
                implicitRate(yHat, ha, implicit, from, to);
            }
        }

        @Override
        public void clear() {
            relaxation = null;
            yHat = null;
            implicit = null;
        }
    }

    /** I_i = −K (Y_i − X_NS) for a stage with no implicit diagonal. */
    private final class Rate implements Task {
        private Relaxation relaxation;
        private double[][] y;
        private double[][] implicit;

        Rate prepare(Relaxation relaxation, double[][] y, double[][] implicit) {
            this.relaxation = relaxation;
            this.y = y;
            this.implicit = implicit;
            return this;
        }

        @Override
        public void run(int chunk, int from, int to) {
            relaxation.relaxationRate(y, implicit, from, to);
        }

        @Override
        public void clear() {
            relaxation = null;
            y = null;
            implicit = null;
        }
    }

    /**
     * out = u + Σ_t w_t T_t on [from, to), one pass per field: the terms are added to a register in the
     * order of term-by-term passes, each sum rounded as a pass would round it, so the bits are the same.
     */
    private void combineChunk(double[][] u, double[][] out, int from, int to) {
        for (int f = 0; f < fields; f++) {
            if (!evolved[f]) {
                continue;
            }
            double[] o = out[f];
            double[] uf = u[f];
            double[][] a = termArrays[f];
            double[] w = termWeights[f];
            switch (termCounts[f]) {
                case 0:
                    if (o != uf) {
                        System.arraycopy(uf, from, o, from, to - from);
                    }
                    break;
                case 1: {
                    double[] a0 = a[0];
                    double w0 = w[0];
                    for (int p = from; p < to; p++) {
                        o[p] = uf[p] + w0 * a0[p];
                    }
                    break;
                }
                case 2: {
                    double[] a0 = a[0];
                    double[] a1 = a[1];
                    double w0 = w[0];
                    double w1 = w[1];
                    for (int p = from; p < to; p++) {
                        double sum = uf[p] + w0 * a0[p];
                        o[p] = sum + w1 * a1[p];
                    }
                    break;
                }
                case 3: {   // the default case's sum, term by term in the same order, as one loop C2 vectorizes
                    double[] a0 = a[0];
                    double[] a1 = a[1];
                    double[] a2 = a[2];
                    double w0 = w[0];
                    double w1 = w[1];
                    double w2 = w[2];
                    for (int p = from; p < to; p++) {
                        double sum = uf[p] + w0 * a0[p];
                        sum += w1 * a1[p];
                        o[p] = sum + w2 * a2[p];
                    }
                    break;
                }
                default: {
                    int count = termCounts[f];
                    for (int p = from; p < to; p++) {
                        double sum = uf[p];
                        for (int t = 0; t < count; t++) {
                            sum += w[t] * a[t][p];
                        }
                        o[p] = sum;
                    }
                }
            }
        }
    }

    /** I_i = (Y_i − Ŷ_i)/(h a) on the relaxing fields, on [from, to). */
    private void implicitRate(double[][] yHat, double ha, double[][] out, int from, int to) {
        double inverse = 1.0 / ha;
        for (int f = 0; f < fields; f++) {
            if (!relaxing[f]) {
                continue;
            }
            double[] y = stageValue[f];
            double[] x = yHat[f];
            double[] o = out[f];
            for (int p = from; p < to; p++) {
                o[p] = (y[p] - x[p]) * inverse;
            }
        }
    }

    private boolean explicitColumnUsed(int j, boolean stifflyAccurate) {
        return columnUsed(tableau.explicitA(), tableau.explicitB(), j, stifflyAccurate);
    }

    private boolean implicitColumnUsed(int j, boolean stifflyAccurate) {
        return columnUsed(tableau.implicitA(), tableau.implicitB(), j, stifflyAccurate);
    }
}
