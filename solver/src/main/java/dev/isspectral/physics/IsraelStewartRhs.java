package dev.isspectral.physics;

import dev.isspectral.parallel.Workers;
import dev.isspectral.spectral.SpectralOperators;
import dev.isspectral.state.Field;
import dev.isspectral.time.Relaxation;
import dev.isspectral.time.Rhs;
import dev.isspectral.trace.Span;
import dev.isspectral.trace.Tracer;

/**
 * The Israel–Stewart right-hand side in the Landau frame (physics.md §4), split for IMEX as in
 * (4.15): the explicit part F_E (flux divergence (4.1), advection and second-order sources of
 * (4.10), (4.12)) and the stiff data K, X_NS of the relaxation terms.
 *
 * <p>One pass: primitive recovery (§5); spectral gradients of exactly ε, v^x, v^y, v^z (§4.2); the
 * {@link PointwiseKernel} for the kinematics (4.2)–(4.8), the fluxes T^{iν} (1.2) and all sources; the
 * divergence of T^{iν}; the advection −v^k∂_kX of Π and the five evolved π components. Workspaces
 * are allocated once in the constructor (or per pass on the naive path).
 */
public final class IsraelStewartRhs implements Rhs {

    /**
     * Doubles per grid point this right-hand side holds: the primitives ε, v (4), the twelve
     * gradients ∂_iε, ∂_iv^j, and twelve flux arrays on the unfused path (the fused kernel writes the
     * fluxes over the gradients it has read).
     */
    public static long storagePerPoint(boolean fused) {
        return Primitives.storagePerPoint(false) + 12 + (fused ? 0 : 12);
    }

    /** Bytes of the kernel's tile arrays for a team of {@code threads} on {@code points} points. */
    public static long tileBytes(int threads, boolean fused, int points) {
        return threads * PointwiseKernel.tileBytes(Math.min(points, fused ? PointwiseKernel.TILE : PointwiseKernel.ARRAY_PASS));
    }

    /** The fields that may relax and so are advected, held once (Field.values() would allocate per pass). */
    private static final Field[] ADVECTED = {Field.BULK, Field.PI_XX, Field.PI_YY, Field.PI_XY, Field.PI_XZ, Field.PI_YZ};

    private final SpectralOperators spectral;
    private final Transport transport;
    private final Tracer tracer;
    private final PrimitiveRecovery recovery;
    private final Primitives primitives;
    private final PointwiseKernel kernel;
    private final PointwiseKernel.Pass kernelPass;
    private final int points;
    private final boolean preallocated;
    private final boolean fused;
    private final Workers workers;

    // spectral derivatives: gradEnergy[i] = ∂_i ε, gradVelocity[i][j] = ∂_i v^j
    private double[][] gradEnergy;
    private double[][][] gradVelocity;
    // fluxes T^{iν} at [4(i − 1) + ν], i = x, y, z, ν = 0..3
    private double[][] flux;
    private final double[][] divergences = new double[4][];
    private final double[][] fluxTimeComponents = new double[3][];
    // holders of the batched kinematics call (filled each pass; nothing allocated in the step)
    private final double[][] kinematicFields = new double[4][];
    private final double[][][] kinematicGradients = new double[4][3][];
    private final Advection advection;
    private final String[] groupLabels;
    /** Fields advected per group: {@link #ADVECTION_GROUP} with batched transforms, else one (each named on its own). */
    private final int advectionGroup;

    private long passes;
    private long recoveryIterations;
    private long recoveryPoints;
    private int recoveryMaxIterations;

    /** The right-hand side on {@code spectral}'s grid, with workspaces allocated once and fused loops. */
    public IsraelStewartRhs(SpectralOperators spectral, Eos eos, Transport transport, Tracer tracer) {
        this(spectral, eos, transport, tracer, true, true, Workers.create(1));
    }

    /**
     * The right-hand side with the naive code paths selectable (same results): without
     * {@code preallocated} each pass allocates its derivative and flux arrays afresh; without
     * {@code fused} the kernel runs the fluxes and the sources as two separate passes over arrays
     * instead of one pass over cache-sized tiles. The pointwise work (recovery, kernel) is split over
     * {@code workers}; results do not depend on the team size.
     */
    public IsraelStewartRhs(SpectralOperators spectral, Eos eos, Transport transport, Tracer tracer,
                            boolean preallocated, boolean fused, Workers workers) {
        this(spectral, eos, transport, tracer, preallocated, fused, workers, false);
    }

    /**
     * As above; with {@code leanStiffPass} a pass of stiff data alone skips the kernel phases only the
     * explicit sources read ({@link PointwiseKernel#PointwiseKernel(Eos, Transport, int, int, int, boolean)}).
     */
    public IsraelStewartRhs(SpectralOperators spectral, Eos eos, Transport transport, Tracer tracer,
                            boolean preallocated, boolean fused, Workers workers, boolean leanStiffPass) {
        this.workers = workers;
        this.preallocated = preallocated;
        this.fused = fused;
        this.spectral = spectral;
        this.transport = transport;
        this.tracer = tracer;
        this.points = spectral.grid().size();
        // the kernel rebuilds π^zz, π^0i, π^00 from v itself, so its recovery does not store them
        this.recovery = new PrimitiveRecovery(spectral.grid(), eos, transport.hasShear(), workers, false);
        this.primitives = new Primitives(points, false);
        this.kernel = new PointwiseKernel(eos, transport, workers.size(),
                fused ? PointwiseKernel.TILE : PointwiseKernel.ARRAY_PASS, points, leanStiffPass);
        this.kernelPass = kernel.new Pass();
        this.advection = new Advection(primitives);
        this.advectionGroup = spectral.batchedTransforms() ? ADVECTION_GROUP : 1;
        this.groupLabels = groupLabels(transport, advectionGroup);
        allocateWorkspaces();
    }

    private void allocateWorkspaces() {
        gradEnergy = new double[3][points];
        gradVelocity = new double[3][3][points];
        if (fused) {
            // The fused kernel reads all twelve derivatives of a tile before it writes that tile's
            // fluxes, so the fluxes can live in the derivative arrays: no extra memory.
            flux = new double[12][];
            for (int q = 0; q < 12; q++) {
                flux[q] = q < 3 ? gradEnergy[q] : gradVelocity[(q - 3) / 3][(q - 3) % 3];
            }
        } else {
            flux = new double[12][points];
        }
    }

    @Override
    public int fieldCount() {
        return Field.COUNT;
    }

    @Override
    public int points() {
        return points;
    }

    @Override
    public boolean[] relaxing() {
        return transport.relaxingFields();
    }

    @Override
    public boolean[] evolved() {
        return transport.evolvedFields();
    }

    @Override
    public void position(long step, int stage) {
        recovery.position(step, stage);
    }

    /** The primitives ε and v of the last pass (the dependent shear components are not stored). */
    public Primitives primitives() {
        return primitives;
    }

    /** The recovery used by this right-hand side (for its statistics). */
    public PrimitiveRecovery recovery() {
        return recovery;
    }

    /** Passes evaluated so far. */
    public long passes() {
        return passes;
    }

    /**
     * Recovery statistics since the last {@link #resetRecoveryStatistics()}: iterations summed over
     * points and passes, points recovered, and the largest iteration count of any point.
     */
    public long recoveryIterations() {
        return recoveryIterations;
    }

    public long recoveryPoints() {
        return recoveryPoints;
    }

    public int recoveryMaxIterations() {
        return recoveryMaxIterations;
    }

    public void resetRecoveryStatistics() {
        recoveryIterations = 0;
        recoveryPoints = 0;
        recoveryMaxIterations = 0;
    }

    /** Bytes held by the workspaces of this right-hand side (the kernel's tiles included). */
    public long bytesHeld() {
        return 8L * points * storagePerPoint(fused) + kernel.bytesHeld();
    }

    /** Recovers the primitives of {@code y} into {@link #primitives()} (counted in the statistics). */
    public void recover(double[][] y) {
        recover(null, y);
    }

    /** The same, with y's points written first by {@code producer}, tile by tile (null: y is ready). */
    private void recover(Workers.Chunk producer, double[][] y) {
        try (Span s = tracer.open("primitives")) {
            recovery.recover(producer, y, primitives);
        }
        recoveryIterations += recovery.lastTotalIterations();
        recoveryPoints += points;
        recoveryMaxIterations = Math.max(recoveryMaxIterations, recovery.lastMaxIterations());
    }

    @Override
    public void evaluate(double[][] y, Pass pass, double[][] explicit, Relaxation relaxation) {
        evaluate(null, y, pass, explicit, relaxation);
    }

    /** The pass with y's points written by {@code producer} tile by tile inside the primitive recovery. */
    @Override
    public void evaluate(Workers.Chunk producer, double[][] y, Pass pass, double[][] explicit, Relaxation relaxation) {
        if (pass.explicit() != (explicit != null)) {
            throw new IllegalArgumentException("explicit = " + (explicit == null ? "null" : "arrays")
                    + " with pass " + pass + "; must be null exactly for STIFF_DATA");
        }
        try (Span span = tracer.open("rhs")) {
            passes++;
            if (!preallocated) {
                allocateWorkspaces();
            }
            recover(producer, y);
            try (Span s = tracer.open("kinematics")) {
                // the operand names only label what an observer records (Tracer.operand); a no-op when off
                if (spectral.batchedTransforms()) {
                    // the four gradients as one group: their transforms go to the engine in batches
                    kinematicFields[0] = primitives.energyDensity;
                    kinematicFields[1] = primitives.vx;
                    kinematicFields[2] = primitives.vy;
                    kinematicFields[3] = primitives.vz;
                    for (int axis = 0; axis < 3; axis++) {
                        kinematicGradients[0][axis] = gradEnergy[axis];
                        for (int c = 0; c < 3; c++) {
                            kinematicGradients[1 + c][axis] = gradVelocity[axis][c];
                        }
                    }
                    tracer.operand("eps, v");
                    spectral.gradients(4, kinematicFields, kinematicGradients);
                } else {
                    tracer.operand("eps");
                    spectral.gradient(primitives.energyDensity, gradEnergy[0], gradEnergy[1], gradEnergy[2]);
                    tracer.operand("v_x");
                    spectral.gradient(primitives.vx, gradVelocity[0][0], gradVelocity[1][0], gradVelocity[2][0]);
                    tracer.operand("v_y");
                    spectral.gradient(primitives.vy, gradVelocity[0][1], gradVelocity[1][1], gradVelocity[2][1]);
                    tracer.operand("v_z");
                    spectral.gradient(primitives.vz, gradVelocity[0][2], gradVelocity[1][2], gradVelocity[2][2]);
                }
            }
            if (fused) {
                // span "pointwise" where the fused kernel writes flux values and sources; "sources" where a stiff-data
                // pass asks for sources alone, as the unfused path names its passes ("flux-values", "sources")
                try (Span s = tracer.open(explicit == null ? "sources" : "pointwise")) {
                    runKernel(explicit == null ? PointwiseKernel.Terms.SOURCES : PointwiseKernel.Terms.FLUXES_AND_SOURCES,
                            y, explicit, relaxation);
                }
            } else {
                if (explicit != null) {
                    try (Span s = tracer.open("flux-values")) {
                        runKernel(PointwiseKernel.Terms.FLUXES, y, explicit, relaxation);
                    }
                }
                try (Span s = tracer.open("sources")) {
                    runKernel(PointwiseKernel.Terms.SOURCES, y, explicit, relaxation);
                }
            }
            if (explicit != null) {
                fluxDivergence(explicit);
                try (Span s = tracer.open("advection")) {
                    advectAll(y, explicit);
                }
                if (pass == Pass.EXPLICIT_AND_RELAXATION) {
                    addRelaxation(y, explicit, relaxation);
                }
            }
        }
    }

    private void runKernel(PointwiseKernel.Terms terms, double[][] y, double[][] explicit, Relaxation relaxation) {
        kernelPass.prepare(terms, y, primitives, gradEnergy, gradVelocity, flux, relaxation, explicit);
        try {
            workers.forEachPiece(points, Workers.HEAVY_GRAIN, kernelPass);
        } finally {
            kernelPass.clear();
        }
    }

    /** explicit[ν] = −∂_i T^{iν} for the conserved densities, physics.md eq. 4.1. */
    private void fluxDivergence(double[][] explicit) {
        try (Span s = tracer.open("fluxes")) {
            // flux[4(i−1) + ν] = T^{iν}; T^{ij} is symmetric, so T^{yx} = T^{xy} etc.
            fluxTimeComponents[0] = flux[0];
            fluxTimeComponents[1] = flux[4];
            fluxTimeComponents[2] = flux[8];
            for (int nu = 0; nu < 4; nu++) {
                divergences[nu] = explicit[nu];
            }
            // the fused path gets −∂_i T^{iν} straight from k-space; the naive one negates in a pass of its own
            spectral.symmetricDivergence(fluxTimeComponents, flux[1], flux[6], flux[11], flux[2], flux[3], flux[7],
                    divergences, fused);
            if (!fused) {
                for (int nu = 0; nu < 4; nu++) {
                    double[] out = explicit[nu];
                    for (int p = 0; p < points; p++) {
                        out[p] = -out[p];
                    }
                }
            }
        }
    }

    /** explicit[X] += −K (X − X_NS), for the fully explicit schemes. */
    private void addRelaxation(double[][] y, double[][] explicit, Relaxation relaxation) {
        for (int f = 0; f < Field.COUNT; f++) {
            if (!relaxation.relaxes(f)) {
                continue;
            }
            double[] k = relaxation.rate(f);
            double[] target = relaxation.target(f);
            double[] x = y[f];
            double[] out = explicit[f];
            for (int p = 0; p < points; p++) {
                out[p] -= k[p] * (x[p] - target[p]);
            }
        }
    }

    /**
     * explicit[X] −= v^k ∂_k X for every relaxing field X (the comoving-derivative part of (4.10), (4.12)); with
     * batched transforms up to four fields at a time: their gradients as one group ({@link SpectralOperators#gradients},
     * so their forward and inverse transforms go to the engine side by side instead of one gradient at a time; the
     * profiler then names the group, "Pi, pi_xx, …"), otherwise one field at a time, into the twelve gradient arrays (free by now: the kernel has read them and the flux divergence the
     * fluxes stored over them), then one pass over the points for the group. Each field's arithmetic is that of
     * one field at a time, so the results are the same.
     */
    private void advectAll(double[][] y, double[][] explicit) {
        int group = 0;
        for (Field f : ADVECTED) {
            if (!transport.relaxes(f)) {
                continue;
            }
            if (advection.add(y[f.ordinal()], explicit[f.ordinal()]) == advectionGroup) {
                advectGroup(group++);
            }
        }
        if (advection.size() > 0) {
            advectGroup(group);
        }
    }

    /** Most fields advected per group: the twelve gradient arrays hold the gradients of four. */
    private static final int ADVECTION_GROUP = 4;

    /** Advects the fields added to {@link #advection} (a group), then empties it. */
    private void advectGroup(int group) {
        try {
            advection.useScratch(gradEnergy, gradVelocity);
            tracer.operand(groupLabels[group]);
            spectral.gradients(advection.size(), advection.fields, advection.gradients);
            workers.forEachPiece(points, Workers.STREAMING_GRAIN, advection);
        } finally {
            advection.clear();
        }
    }

    /** "Pi, pi_xx, …": the operand label of each advection group, made once (the groups are fixed by the transport). */
    private static String[] groupLabels(Transport transport, int groupSize) {
        java.util.List<String> labels = new java.util.ArrayList<>();
        java.util.List<String> group = new java.util.ArrayList<>();
        for (Field f : ADVECTED) {
            if (transport.relaxes(f)) {
                group.add(f.label());
                if (group.size() == groupSize) {
                    labels.add(String.join(", ", group));
                    group.clear();
                }
            }
        }
        if (!group.isEmpty()) {
            labels.add(String.join(", ", group));
        }
        return labels.toArray(new String[0]);
    }

    /**
     * The advection pass of a group as a prepared worker task: {@link #add} takes each field with its output,
     * {@link #useScratch} the arrays its gradients go to, {@link #clear} empties it after the run. Holds its
     * arrays of references from construction (nothing allocated per pass).
     */
    private static final class Advection implements Workers.Chunk {
        private final double[][] fields = new double[ADVECTION_GROUP][];
        private final double[][] out = new double[ADVECTION_GROUP][];
        private final double[][][] gradients = new double[ADVECTION_GROUP][3][];
        private final Primitives primitives;
        private int count;

        Advection(Primitives primitives) {
            this.primitives = primitives;
        }

        /** Adds {@code field}, whose −v^k ∂_k field goes into {@code out}; returns how many the group now has. */
        int add(double[] field, double[] out) {
            fields[count] = field;
            this.out[count] = out;
            return ++count;
        }

        int size() {
            return count;
        }

        /** Field c's gradient goes to gradEnergy (c = 0) or the column ∂_i v^{c−1} of gradVelocity (c = 1..3). */
        void useScratch(double[][] gradEnergy, double[][][] gradVelocity) {
            for (int axis = 0; axis < 3; axis++) {
                gradients[0][axis] = gradEnergy[axis];
                for (int c = 1; c < ADVECTION_GROUP; c++) {
                    gradients[c][axis] = gradVelocity[axis][c - 1];
                }
            }
        }

        void clear() {
            java.util.Arrays.fill(fields, null);
            java.util.Arrays.fill(out, null);
            count = 0;
        }

        @Override
        public void run(int chunk, int from, int to) {
            double[] vx = primitives.vx;
            double[] vy = primitives.vy;
            double[] vz = primitives.vz;
            for (int c = 0; c < count; c++) {
                double[] o = out[c];
                double[] gx = gradients[c][0];
                double[] gy = gradients[c][1];
                double[] gz = gradients[c][2];
                for (int p = from; p < to; p++) {
                    o[p] -= Kinematics.dot(vx[p], vy[p], vz[p], gx[p], gy[p], gz[p]);
                }
            }
        }
    }
}
