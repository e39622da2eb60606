package dev.isspectral.fftw;

import static org.bytedeco.fftw.global.fftw3.FFTW_BACKWARD;
import static org.bytedeco.fftw.global.fftw3.FFTW_ESTIMATE;
import static org.bytedeco.fftw.global.fftw3.FFTW_FORWARD;
import static org.bytedeco.fftw.global.fftw3.FFTW_MEASURE;
import static org.bytedeco.fftw.global.fftw3.FFTW_PATIENT;
import static org.bytedeco.fftw.global.fftw3.fftw_alignment_of;
import static org.bytedeco.fftw.global.fftw3.fftw_alloc_real;
import static org.bytedeco.fftw.global.fftw3.fftw_destroy_plan;
import static org.bytedeco.fftw.global.fftw3.fftw_free;
import static org.bytedeco.fftw.global.fftw3.fftw_execute_dft_c2r;
import static org.bytedeco.fftw.global.fftw3.fftw_execute;
import static org.bytedeco.fftw.global.fftw3.fftw_execute_dft_r2c;
import static org.bytedeco.fftw.global.fftw3.fftw_plan_dft_c2r_2d;
import static org.bytedeco.fftw.global.fftw3.fftw_plan_dft_c2r_3d;
import static org.bytedeco.fftw.global.fftw3.fftw_plan_dft_r2c_2d;
import static org.bytedeco.fftw.global.fftw3.fftw_plan_dft_r2c_3d;
import static org.bytedeco.fftw.global.fftw3.fftw_plan_many_dft;
import static org.bytedeco.fftw.global.fftw3.fftw_plan_with_nthreads;

import dev.isspectral.fft.FftEngine;
import dev.isspectral.fft.FftEngines;
import dev.isspectral.fft.FftSettings;
import dev.isspectral.parallel.Workers;
import java.nio.DoubleBuffer;
import org.bytedeco.fftw.global.fftw3.fftw_plan;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;

/**
 * A double-precision real-to-complex 3-D FFTW engine. FFTW's r2c output for an {@code NX×NY×NZ} row-major
 * array is exactly the solver's half-spectrum layout, so no reordering is needed; the data are copied once
 * into and once out of native buffers per transform (the copy time is counted in {@link #copyNanos()}).
 * Plans are made once at construction, with the requested rigour, and reused. On one thread, or on a grid of fewer
 * than {@value #TEAM_SPLIT_MIN_POINTS_PER_THREAD} points per thread: one one-thread 3-D plan each way. On several
 * threads, one transform is split over the shared {@link Workers} team of the engine's thread count, the
 * step's own team ({@link FftSettings#teamSplit()}, the default; {@link TeamSplit}): one-thread plans of single
 * x-planes and of groups of x-columns, so no second pool of threads computes beside the team. Otherwise FFTW's
 * own threads run 3-D plans made for that many threads, and the copies (and the 1/N scaling of the inverse, folded
 * into its copy-out) are split over the team on large grids, so they do not stay serial beside FFTW's threads.
 */
public final class FftwEngine implements FftEngine {

    private final int nx;
    private final int ny;
    private final int nz;
    private final int threads;
    private final DoublePointer realBuffer;
    private final DoublePointer spectrumBuffer;
    /** FFTW's 3-D plans (on FFTW's threads when several); null when the team splits the transforms. */
    private final fftw_plan forwardPlan;
    private final fftw_plan inversePlan;
    /** The team's split of one transform; null on one thread, on a small grid, or when FFTW's threads split it. */
    private final TeamSplit split;
    /** Whether a team-split engine's grid is too small to split: its transforms run on the calling thread. */
    private final boolean alone;
    private final double scale;
    private final long planningNanos;
    private long copyNanos;
    private boolean closed;
    private final DoubleBuffer realView;
    private final DoubleBuffer spectrumView;
    private final Workers team;
    // the copy in progress, read by copyChunk
    private static final int REAL_IN = 0;
    private static final int SPECTRUM_OUT = 1;
    private static final int SPECTRUM_IN = 2;
    private static final int REAL_OUT_SCALED = 3;
    /** Doubles scaled per block of the copy-out, so the scaling reads what the copy just wrote, from L1. */
    private static final int SCALE_BLOCK = 1024;
    /** Doubles per block of a lane's filled input (whole rows; 32 kB, within L1 or close to it). */
    private static final int FILL_BLOCK = 4096;
    private int copyKind;
    private double[] copyArray;
    private final Workers.Chunk copyTask = this::copyChunk;
    private final int flags;
    // side-by-side transforms (forwardEach/inverseEach): one-thread plans and one native field and spectrum per
    // lane, made when the lanes are opened
    private Lane[] lanes;
    private fftw_plan laneForward;
    private fftw_plan laneInverse;
    private final NativeLanes nativeLanes = new NativeLanes();

    /**
     * Fewest points per thread for which the team splits a transform; below it the transform runs on the calling
     * thread alone, with one-thread 3-D plans. Handing pieces to other threads costs some tens of microseconds, a
     * small transform less than that: on this 2-core machine the FFT tuner (notebook 04 at 32×16×16) timed the team's
     * split on 2 threads at 0.48× the speed of one thread, and at 64×32×32 (`bench targets`' tuner) chose it over one.
     */
    static final int TEAM_SPLIT_MIN_POINTS_PER_THREAD = 32768;

    /**
     * Whether a transform of {@code points} points asked to run on {@code threads} threads runs on one: fewer than
     * {@code minPointsPerThread} per thread (the rule of this engine and of the float32 and complex FFTW engines).
     */
    static boolean onOneThread(long points, int threads, long minPointsPerThread) {
        return threads > 1 && points < minPointsPerThread * threads;
    }

    /**
     * How an FFTW engine's {@code toString} says where a transform runs: nothing on one thread, "one transform on one
     * thread" where {@link #onOneThread} holds, else {@code several} (how this engine splits it).
     */
    static String threadsNote(int threads, boolean alone, String several) {
        return threads == 1 ? "" : alone ? ", one transform on one thread (under " + TEAM_SPLIT_MIN_POINTS_PER_THREAD
                + " points per thread)" : several;
    }

    FftwEngine(int nx, int ny, int nz, int threads, FftSettings.Rigour rigour) {
        this(nx, ny, nz, threads, rigour, true);
    }

    /** As above; {@code teamSplit}: whether the team or FFTW's threads split a transform when threads > 1. */
    FftwEngine(int nx, int ny, int nz, int threads, FftSettings.Rigour rigour, boolean teamSplit) {
        this(nx, ny, nz, threads, rigour, teamSplit, TEAM_SPLIT_MIN_POINTS_PER_THREAD);
    }

    /** As above, the team splitting from {@code minPointsPerThread} points per thread (tests use small grids). */
    FftwEngine(int nx, int ny, int nz, int threads, FftSettings.Rigour rigour, boolean teamSplit,
               long minPointsPerThread) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("shape = " + nx + "x" + ny + "x" + nz + "; every size must be >= 1");
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.threads = threads;
        this.realBuffer = new DoublePointer((long) nx * ny * nz);
        this.spectrumBuffer = new DoublePointer(2L * nx * ny * (nz / 2 + 1));
        this.scale = 1.0 / ((double) nx * ny * nz);
        this.realView = realBuffer.asBuffer();
        this.spectrumView = spectrumBuffer.asBuffer();
        this.team = Workers.shared(threads);
        int flags = flags(rigour);
        this.flags = flags;
        long start = System.nanoTime();
        this.alone = teamSplit && onOneThread((long) nx * ny * nz, threads, minPointsPerThread);
        this.split = teamSplit && threads > 1 && !alone && TeamSplit.applies(this) ? new TeamSplit() : null;
        if (split == null) {
            synchronized (FftwBackend.PLANNER_LOCK) {
                fftw_plan_with_nthreads(alone ? 1 : threads);
                this.forwardPlan = fftw_plan_dft_r2c_3d(nx, ny, nz, realBuffer, spectrumBuffer, flags);
                this.inversePlan = fftw_plan_dft_c2r_3d(nx, ny, nz, spectrumBuffer, realBuffer, flags);
            }
            if (forwardPlan == null || forwardPlan.isNull() || inversePlan == null || inversePlan.isNull()) {
                throw new IllegalStateException("FFTW could not plan " + nx + "x" + ny + "x" + nz);
            }
        } else {
            this.forwardPlan = null;
            this.inversePlan = null;
        }
        this.planningNanos = System.nanoTime() - start;
    }

    /** Whether the team splits this engine's transforms ({@link FftSettings#teamSplit()}); false on one thread. */
    public boolean teamSplits() {
        return split != null;
    }

    /** FFTW planner flags for a rigour. */
    static int flags(FftSettings.Rigour rigour) {
        return switch (rigour) {
            case ESTIMATE -> FFTW_ESTIMATE;
            case MEASURE -> FFTW_MEASURE;
            case PATIENT -> FFTW_PATIENT;
        };
    }

    @Override
    public String backend() {
        return FftSettings.FFTW;
    }

    @Override
    public int nx() {
        return nx;
    }

    @Override
    public int ny() {
        return ny;
    }

    @Override
    public int nz() {
        return nz;
    }

    @Override
    public int threads() {
        return threads;
    }

    /** FFTW's native real and spectrum buffers (and each thread's, once side-by-side transforms have run). */
    @Override
    public long bytesHeld() {
        Lane[] l = lanes;
        long blocks = 0;
        if (l != null) {
            for (Lane lane : l) {
                blocks += lane.block.length;
            }
        }
        return 8L * (realLength() + spectrumLength()) * (1 + (l == null ? 0 : l.length)) + 8L * blocks;
    }

    /** Wall time spent making the two plans, in nanoseconds. */
    public long planningNanos() {
        return planningNanos;
    }

    /**
     * Accumulated time spent copying between Java arrays and native buffers, in nanoseconds (with the team split, the
     * plane-by-plane copies inside a transform are not counted: only the spectrum's copy out or in).
     */
    public long copyNanos() {
        long total = copyNanos;
        Lane[] l = lanes;
        if (l != null) {
            for (Lane lane : l) {
                total += lane.copyNanos;
            }
        }
        return total;
    }

    @Override
    public void forward(double[] real, double[] spectrum) {
        checkLengths(real, spectrum);
        if (split != null) {
            split.forward(real, spectrum);
            return;
        }
        long t0 = System.nanoTime();
        copy(REAL_IN, real);
        long t1 = System.nanoTime();
        fftw_execute_dft_r2c(forwardPlan, realBuffer, spectrumBuffer);
        long t2 = System.nanoTime();
        copy(SPECTRUM_OUT, spectrum);
        copyNanos += (t1 - t0) + (System.nanoTime() - t2);
    }

    /**
     * Lanes: one native field and spectrum per lane and one pair of one-thread plans for them all (made when the
     * lanes are opened, with this engine's rigour). The one-thread plans may use other algorithms than the
     * engine's own plan, so side-by-side results agree with {@link #forward}'s to round-off, not to the bit.
     */
    @Override
    public dev.isspectral.fft.Lanes lanes() {
        return nativeLanes;
    }

    private final class NativeLanes extends dev.isspectral.fft.Lanes {
        @Override
        protected void allocate(int width) {
            if (closed) {
                throw new IllegalStateException("engine closed");
            }
            Lane[] made = java.util.Arrays.copyOf(lanes == null ? new Lane[0] : lanes, width);
            for (int t = lanes == null ? 0 : lanes.length; t < width; t++) {
                made[t] = new Lane(realLength(), spectrumLength(), 2 * (nz / 2 + 1));
            }
            if (laneForward == null) {
                synchronized (FftwBackend.PLANNER_LOCK) {
                    fftw_plan_with_nthreads(1);
                    laneForward = fftw_plan_dft_r2c_3d(nx, ny, nz, made[0].real, made[0].spectrum, flags);
                    laneInverse = fftw_plan_dft_c2r_3d(nx, ny, nz, made[0].spectrum, made[0].real, flags);
                }
                if (laneForward == null || laneForward.isNull() || laneInverse == null || laneInverse.isNull()) {
                    throw new IllegalStateException("FFTW could not plan one-thread " + nx + "x" + ny + "x" + nz);
                }
            }
            lanes = made;
        }

        @Override
        protected void transform(int id, double[] real, double[] spectrum, boolean forward) {
            checkLengths(real, spectrum);
            Lane lane = lanes[id];
            long t0 = System.nanoTime();
            if (forward) {
                lane.realView.put(0, real, 0, real.length);
                long t1 = System.nanoTime();
                fftw_execute_dft_r2c(laneForward, lane.real, lane.spectrum);
                long t2 = System.nanoTime();
                lane.spectrumView.get(0, spectrum, 0, spectrum.length);
                lane.copyNanos += (t1 - t0) + (System.nanoTime() - t2);
            } else {
                lane.spectrumView.put(0, spectrum, 0, spectrum.length);
                executeInverse(lane, real, t0);
            }
        }

        @Override
        public boolean fillsInverseInput() {
            return true;
        }

        /**
         * The input written block by block into the lane's {@link Lane#block}, each block put into the native spectrum
         * while it is in cache; then the lane's inverse as {@link #transform}'s.
         */
        @Override
        protected void inverseFrom(int id, dev.isspectral.fft.SpectrumSource source, int index, double[] real,
                                   double[] scratch) {
            if (real.length != realLength()) {
                throw new IllegalArgumentException("real.length = " + real.length + "; must be " + realLength()
                        + " for " + nx + "x" + ny + "x" + nz);
            }
            Lane lane = lanes[id];
            double[] block = lane.block;
            int length = spectrumLength();
            long t0 = System.nanoTime();
            for (int from = 0; from < length; from += block.length) {
                int to = Math.min(length, from + block.length);
                source.fill(index, from, to, block);
                lane.spectrumView.put(from, block, 0, to - from);
            }
            executeInverse(lane, real, t0);
        }

        /** The lane's c2r plan on its native spectrum, then the field copied out and scaled by 1/N block by block. */
        private void executeInverse(Lane lane, double[] real, long t0) {
            long t1 = System.nanoTime();
            fftw_execute_dft_c2r(laneInverse, lane.spectrum, lane.real);
            long t2 = System.nanoTime();
            copyOutScaled(lane.realView, real, 0, real.length);
            lane.copyNanos += (t1 - t0) + (System.nanoTime() - t2);
        }
    }

    /** One thread's native field and spectrum for side-by-side transforms. */
    private static final class Lane {
        final DoublePointer real;
        final DoublePointer spectrum;
        final DoubleBuffer realView;
        final DoubleBuffer spectrumView;
        /** Whole rows of the spectrum, about 32 kB: where {@link NativeLanes#inverseFrom} has its input written. */
        final double[] block;
        long copyNanos;

        Lane(int realLength, int spectrumLength, int rowLength) {
            this.block = new double[Math.max(1, FILL_BLOCK / rowLength) * rowLength];
            this.real = fftw_alloc_real(realLength);
            this.spectrum = fftw_alloc_real(spectrumLength);
            if (real == null || real.isNull() || spectrum == null || spectrum.isNull()) {
                throw new IllegalStateException("FFTW could not allocate " + realLength + " + " + spectrumLength
                        + " doubles");
            }
            real.capacity(realLength);
            spectrum.capacity(spectrumLength);
            this.realView = real.asBuffer();
            this.spectrumView = spectrum.asBuffer();
        }
    }

    @Override
    public void inverse(double[] spectrum, double[] real) {
        checkLengths(real, spectrum);
        if (split != null) {
            split.inverse(spectrum, real);
            return;
        }
        long t0 = System.nanoTime();
        copy(SPECTRUM_IN, spectrum);
        long t1 = System.nanoTime();
        fftw_execute_dft_c2r(inversePlan, spectrumBuffer, realBuffer);  // destroys spectrumBuffer, not the caller's array
        long t2 = System.nanoTime();
        copy(REAL_OUT_SCALED, real);
        copyNanos += (t1 - t0) + (System.nanoTime() - t2);
    }

    private void copy(int kind, double[] array) {
        copyKind = kind;
        copyArray = array;
        try {
            team.forEachChunk(array.length, Workers.STREAMING_GRAIN, copyTask);
        } finally {
            copyArray = null;
        }
    }

    /** Elements [from, to) of the copy in progress (absolute buffer operations: safe on disjoint ranges). */
    private void copyChunk(int chunk, int from, int to) {
        double[] array = copyArray;
        int length = to - from;
        switch (copyKind) {
            case REAL_IN -> realView.put(from, array, from, length);
            case SPECTRUM_OUT -> spectrumView.get(from, array, from, length);
            case SPECTRUM_IN -> spectrumView.put(from, array, from, length);
            default -> {
                copyOutScaled(realView, array, from, to);
            }
        }
    }

    /**
     * One transform split over the team. A 3-D r2c transform is a 2-D r2c transform of each x-plane (y and z) followed
     * by 1-D complex transforms along x of each (y, k_z) column; the inverse is the same backwards. Forward: each
     * x-plane is copied into the native field and at once transformed while it is in cache, by a one-thread 2-D plan
     * executed on that plane's pointers; then the columns, cut into {@value #COLUMN_PIECES_PER_THREAD} pieces per
     * thread, each by a one-thread plan of its own; then the spectrum copied out. Inverse: the spectrum copied in, the
     * columns, then each plane's 2-D c2r and its copy-out with the 1/N scaling. Each phase goes to the team as pieces
     * that any thread takes once its own are done ({@link Workers#forEachItemPiece}), so a thread the host slows does
     * not hold the others up. FFTW's codelets compute each piece as its 3-D plan would, to round-off.
     */
    private final class TeamSplit {
        static final int COLUMN_PIECES_PER_THREAD = 4;
        private final int plane = ny * nz;
        private final int planeSpectrum = 2 * ny * (nz / 2 + 1);
        private final DoublePointer[] realPlanes = new DoublePointer[nx];
        private final DoublePointer[] spectrumPlanes = new DoublePointer[nx];
        private final fftw_plan planeForward;
        private final fftw_plan planeInverse;
        private final fftw_plan[] columnsForward;
        private final fftw_plan[] columnsInverse;
        private final Workers.Chunk planesForwardTask = this::planesForward;
        private final Workers.Chunk planesInverseTask = this::planesInverse;
        private final Workers.Chunk columnsForwardTask = this::columnsForward;
        private final Workers.Chunk columnsInverseTask = this::columnsInverse;
        // the caller's field during a transform, read by the plane tasks
        private double[] field;

        /**
         * Whether the planes can share one plan: FFTW executes a plan on other arrays only with the alignment it was
         * made for, so every plane must start at the same alignment as the first (true unless NY·NZ is odd).
         */
        static boolean applies(FftwEngine e) {
            int real = fftw_alignment_of(planeAt(e.realBuffer, 0));
            int spectrum = fftw_alignment_of(planeAt(e.spectrumBuffer, 0));
            for (int i = 1; i < e.nx; i++) {
                if (fftw_alignment_of(planeAt(e.realBuffer, (long) i * e.ny * e.nz)) != real
                        || fftw_alignment_of(planeAt(e.spectrumBuffer, 2L * i * e.ny * (e.nz / 2 + 1))) != spectrum) {
                    return false;
                }
            }
            return true;
        }

        private static DoublePointer planeAt(DoublePointer buffer, long offset) {
            return new DoublePointer(buffer).position(offset);
        }

        TeamSplit() {
            for (int i = 0; i < nx; i++) {
                realPlanes[i] = planeAt(realBuffer, (long) i * plane);
                spectrumPlanes[i] = planeAt(spectrumBuffer, (long) i * planeSpectrum);
            }
            int columns = ny * (nz / 2 + 1);
            int pieces = Math.min(columns, threads * COLUMN_PIECES_PER_THREAD);
            columnsForward = new fftw_plan[pieces];
            columnsInverse = new fftw_plan[pieces];
            synchronized (FftwBackend.PLANNER_LOCK) {
                fftw_plan_with_nthreads(1);
                planeForward = fftw_plan_dft_r2c_2d(ny, nz, realPlanes[0], spectrumPlanes[0], flags);
                planeInverse = fftw_plan_dft_c2r_2d(ny, nz, spectrumPlanes[0], realPlanes[0], flags);
                check(planeForward, "2-D r2c " + ny + "x" + nz);
                check(planeInverse, "2-D c2r " + ny + "x" + nz);
                try (IntPointer length = new IntPointer(new int[] {nx})) {
                    for (int p = 0; p < pieces; p++) {
                        int from = (int) ((long) columns * p / pieces);
                        int to = (int) ((long) columns * (p + 1) / pieces);
                        // columns [from, to): complex values `columns` apart along x, neighbouring columns adjacent
                        DoublePointer first = planeAt(spectrumBuffer, 2L * from);
                        columnsForward[p] = fftw_plan_many_dft(1, length, to - from, first, null, columns, 1,
                                first, null, columns, 1, FFTW_FORWARD, flags);
                        columnsInverse[p] = fftw_plan_many_dft(1, length, to - from, first, null, columns, 1,
                                first, null, columns, 1, FFTW_BACKWARD, flags);
                        check(columnsForward[p], "columns along x");
                        check(columnsInverse[p], "columns along x");
                    }
                }
            }
        }

        private void check(fftw_plan plan, String what) {
            if (plan == null || plan.isNull()) {
                throw new IllegalStateException("FFTW could not plan the " + what + " of " + nx + "x" + ny + "x" + nz);
            }
        }

        void forward(double[] real, double[] spectrum) {
            field = real;
            try {
                team.forEachItemPiece(nx, planesForwardTask);
            } finally {
                field = null;
            }
            team.forEachItemPiece(columnsForward.length, columnsForwardTask);
            long t0 = System.nanoTime();
            copy(SPECTRUM_OUT, spectrum);
            copyNanos += System.nanoTime() - t0;
        }

        void inverse(double[] spectrum, double[] real) {
            long t0 = System.nanoTime();
            copy(SPECTRUM_IN, spectrum);   // the c2r transforms destroy their input: FFTW's buffer, not the caller's
            copyNanos += System.nanoTime() - t0;
            team.forEachItemPiece(columnsInverse.length, columnsInverseTask);
            field = real;
            try {
                team.forEachItemPiece(nx, planesInverseTask);
            } finally {
                field = null;
            }
        }

        private void planesForward(int chunk, int from, int to) {
            double[] real = field;
            for (int i = from; i < to; i++) {
                realView.put(i * plane, real, i * plane, plane);
                fftw_execute_dft_r2c(planeForward, realPlanes[i], spectrumPlanes[i]);
            }
        }

        private void planesInverse(int chunk, int from, int to) {
            double[] real = field;
            for (int i = from; i < to; i++) {
                fftw_execute_dft_c2r(planeInverse, spectrumPlanes[i], realPlanes[i]);
                copyOutScaled(realView, real, i * plane, (i + 1) * plane);
            }
        }

        private void columnsForward(int chunk, int from, int to) {
            for (int p = from; p < to; p++) {
                fftw_execute(columnsForward[p]);
            }
        }

        private void columnsInverse(int chunk, int from, int to) {
            for (int p = from; p < to; p++) {
                fftw_execute(columnsInverse[p]);
            }
        }

        void destroy() {
            fftw_destroy_plan(planeForward);
            fftw_destroy_plan(planeInverse);
            for (int p = 0; p < columnsForward.length; p++) {
                fftw_destroy_plan(columnsForward[p]);
                fftw_destroy_plan(columnsInverse[p]);
            }
        }
    }

    /**
     * Elements [from, to) of a native field into {@code real}, scaled by 1/N, block by block, so the scaling reads what
     * the copy just wrote, from L1: the copy-out of every inverse transform (split, side by side, plane by plane).
     */
    private void copyOutScaled(DoubleBuffer field, double[] real, int from, int to) {
        for (int block = from; block < to; block += SCALE_BLOCK) {
            int end = Math.min(to, block + SCALE_BLOCK);
            field.get(block, real, block, end - block);
            for (int p = block; p < end; p++) {
                real[p] *= scale;
            }
        }
    }

    private void checkLengths(double[] real, double[] spectrum) {
        checkLengths(this, real, spectrum);
    }

    /** Lengths of a field and a spectrum for {@code engine}'s shape, or an error naming them ({@link FftEngines#checkLengths}). */
    static void checkLengths(FftEngine engine, double[] real, double[] spectrum) {
        FftEngines.checkLengths(engine, real, spectrum);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (FftwBackend.PLANNER_LOCK) {
            if (split != null) {
                split.destroy();
            } else {
                fftw_destroy_plan(forwardPlan);
                fftw_destroy_plan(inversePlan);
            }
            if (laneForward != null) {
                fftw_destroy_plan(laneForward);
                fftw_destroy_plan(laneInverse);
            }
        }
        if (lanes != null) {
            for (Lane lane : lanes) {
                fftw_free(lane.real);
                fftw_free(lane.spectrum);
            }
            lanes = null;
        }
        realBuffer.close();
        spectrumBuffer.close();
    }

    @Override
    public String toString() {
        return "FftwEngine[" + nx + "x" + ny + "x" + nz + ", r2c, double, " + threads + " thread(s)"
                + threadsNote(threads, alone, split != null ? ", split by the team" : ", FFTW's threads") + "]";
    }
}
