package dev.isspectral.fft;

import dev.isspectral.parallel.Workers;

/**
 * What the two pure-Java real-to-complex engines share: a 3-D transform as three passes of 1-D line transforms (z
 * real-to-complex, then y and x complex; the inverse in the reverse order), each pass a number of independent work
 * items split in contiguous runs over the process-wide {@link Workers} team, every thread and every lane with a
 * {@link LineWorker} of its own, allocated once. A lane runs a whole transform with the same line code as the split
 * passes, so results do not depend on the thread count or on batching (bit for bit). Subclasses say what an item of
 * each pass is and how a worker transforms a run of items.
 */
abstract class LinePassEngine implements FftEngine {

    static final int Z = 0;
    static final int Y = 1;
    static final int X = 2;

    /** One thread's (or one lane's) line transforms and buffers: items [from, to) of each pass, forward or inverse. */
    interface LineWorker {
        /** The z pass: real lines to half-spectrum lines and back. */
        void zLines(double[] real, double[] spectrum, int from, int to, boolean forward);

        /** The y pass, in place in the spectrum. */
        void yLines(double[] spectrum, int from, int to, boolean forward);

        /** The x pass, in place in the spectrum. */
        void xLines(double[] spectrum, int from, int to, boolean forward);

        /**
         * Whether {@link #xLinesFrom} is implemented: an inverse x pass that gathers its input from a
         * {@link SpectrumSource} instead of the spectrum.
         */
        default boolean fillsX() {
            return false;
        }

        /**
         * The inverse x pass of blocks [from, to) with its input written by {@code source.fill(index, …)} run by run as
         * the pass gathers it, and its output into {@code spectrum} (whose earlier contents are not read).
         */
        default void xLinesFrom(SpectrumSource source, int index, double[] spectrum, int from, int to) {
            throw new UnsupportedOperationException("this worker does not fill its x pass");
        }
    }

    final int nx;
    final int ny;
    final int nz;
    final int nzh;
    final int threads;
    private final Workers team;
    private final Workers.Chunk passChunk = this::runChunk;
    private LineWorker[] workers;
    private WorkerLanes lanes;
    private final int[] forwardPasses;     // z, then y and x where the axis has more than one point
    private final int[] inversePasses;     // the same, reversed
    private int axis;
    private boolean forward;
    private double[] realArg;
    private double[] spectrumArg;

    /**
     * Checks the shape and the thread count; {@code threads} threads (1..256) when the field has at least
     * {@code threadsBeginN} points ({@code 0}: {@link JTransformsEngine#DEFAULT_THREADS_BEGIN_N}), else one. The
     * subclass calls {@link #startWorkers} once its own fields are set.
     */
    LinePassEngine(int nx, int ny, int nz, int threads, long threadsBeginN) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("shape = " + nx + "x" + ny + "x" + nz + "; every size must be >= 1");
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads = " + threads + "; must be in 1..256");
        }
        if (threadsBeginN < 0) {
            throw new IllegalArgumentException("threadsBeginN = " + threadsBeginN + "; must be >= 0 (0 = default "
                    + JTransformsEngine.DEFAULT_THREADS_BEGIN_N + ")");
        }
        long begin = threadsBeginN == 0 ? JTransformsEngine.DEFAULT_THREADS_BEGIN_N : threadsBeginN;
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.nzh = nz / 2 + 1;
        this.threads = (long) nx * ny * nz < begin ? 1 : threads;
        this.team = Workers.shared(this.threads);
        int[] passes = ny > 1 && nx > 1 ? new int[] {Z, Y, X} : ny > 1 ? new int[] {Z, Y} : nx > 1 ? new int[] {Z, X}
                : new int[] {Z};
        this.forwardPasses = passes;
        this.inversePasses = new int[passes.length];
        for (int i = 0; i < passes.length; i++) {
            inversePasses[i] = passes[passes.length - 1 - i];
        }
    }

    /** A new worker with buffers of its own. */
    abstract LineWorker newWorker();

    /** The number of work items of pass {@code axis}. */
    abstract int items(int axis);

    /** Builds the threads' workers (the first lanes too); called once by the subclass's constructor. */
    final void startWorkers() {
        workers = new LineWorker[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = newWorker();
        }
        lanes = new WorkerLanes();
    }

    /** Thread {@code t}'s worker (for checks of its buffers). */
    final LineWorker worker(int t) {
        return workers[t];
    }

    /** Workers held: the threads' and the lanes' (one set serves both). */
    final int workerCount() {
        return Math.max(workers.length, lanes.count());
    }

    @Override
    public final int nx() {
        return nx;
    }

    @Override
    public final int ny() {
        return ny;
    }

    @Override
    public final int nz() {
        return nz;
    }

    /** Threads used inside one transform: 1 when the field is below the threshold given at construction. */
    @Override
    public final int threads() {
        return threads;
    }

    @Override
    public final void forward(double[] real, double[] spectrum) {
        checkLengths(real, spectrum);
        realArg = real;
        spectrumArg = spectrum;
        try {
            for (int pass : forwardPasses) {
                run(pass, true);
            }
        } finally {
            realArg = null;
            spectrumArg = null;
        }
    }

    @Override
    public final void inverse(double[] spectrum, double[] real) {
        checkLengths(real, spectrum);
        realArg = real;
        spectrumArg = spectrum;
        try {
            for (int pass : inversePasses) {
                run(pass, false);
            }
        } finally {
            realArg = null;
            spectrumArg = null;
        }
    }

    /** Lanes: each a worker of its own (the threads' workers serve the first lanes), same line code, same bits. */
    @Override
    public final Lanes lanes() {
        return lanes;
    }

    private void run(int which, boolean isForward) {
        axis = which;
        forward = isForward;
        team.forEachChunk(items(which), passChunk);
    }

    private void runChunk(int id, int from, int to) {
        lines(workers[id], axis, forward, realArg, spectrumArg, from, to);
    }

    /** Items [from, to) of pass {@code pass} by worker {@code w}. */
    private static void lines(LineWorker w, int pass, boolean isForward, double[] real, double[] spectrum, int from,
                              int to) {
        switch (pass) {
            case Z -> w.zLines(real, spectrum, from, to, isForward);
            case Y -> w.yLines(spectrum, from, to, isForward);
            default -> w.xLines(spectrum, from, to, isForward);
        }
    }

    /** A whole transform by one worker: the passes of {@link #forward} or {@link #inverse}, every item. */
    private void whole(LineWorker w, double[] real, double[] spectrum, boolean isForward) {
        for (int pass : isForward ? forwardPasses : inversePasses) {
            lines(w, pass, isForward, real, spectrum, 0, items(pass));
        }
    }

    private final class WorkerLanes extends Lanes {
        private LineWorker[] laneWorkers = workers;

        @Override
        protected void allocate(int width) {
            if (width > laneWorkers.length) {
                LineWorker[] more = java.util.Arrays.copyOf(laneWorkers, width);
                for (int t = laneWorkers.length; t < width; t++) {
                    more[t] = newWorker();
                }
                laneWorkers = more;
            }
        }

        @Override
        protected void transform(int lane, double[] real, double[] spectrum, boolean isForward) {
            checkLengths(real, spectrum);
            whole(laneWorkers[lane], real, spectrum, isForward);
        }

        /** Where the inverse starts with the x pass and the workers gather it from a source. */
        @Override
        public boolean fillsInverseInput() {
            return inversePasses[0] == X && laneWorkers[0].fillsX();
        }

        /** The x pass gathered from {@code source} into {@code scratch}, then the other passes as {@link #inverse}'s. */
        @Override
        protected void inverseFrom(int lane, SpectrumSource source, int index, double[] real, double[] scratch) {
            checkLengths(real, scratch);
            LineWorker w = laneWorkers[lane];
            w.xLinesFrom(source, index, scratch, 0, items(X));
            for (int i = 1; i < inversePasses.length; i++) {
                lines(w, inversePasses[i], false, real, scratch, 0, items(inversePasses[i]));
            }
        }

        int count() {
            return laneWorkers.length;
        }
    }

    final void checkLengths(double[] real, double[] spectrum) {
        FftEngines.checkLengths(this, real, spectrum);
    }
}
