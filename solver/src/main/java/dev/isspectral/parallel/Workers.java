package dev.isspectral.parallel;

import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of threads that runs one task over a range split into contiguous chunks, one chunk
 * per thread, the caller's thread taking chunk 0. Threads are created once and reused; a call
 * allocates nothing, so hot loops can use it every pass.
 *
 * <p>Chunks are fixed by the range and the team size, so a pointwise kernel gives bit-identical
 * results whatever the team size. The first exception thrown by any chunk (the one with the lowest
 * chunk index) is rethrown on the caller's thread after every chunk has finished.
 *
 * <p>The long passes use {@link #forEachPiece} and {@link #forEachItemPiece} instead: the range is cut into more
 * pieces than threads, each thread doing its own share first (the static split's, for the cache) and then helping with
 * the others' remaining pieces, so a thread the machine slows down (another tenant of a shared host, an interrupt)
 * does fewer pieces instead of holding the whole team up at the end of the pass. A task then runs once per piece,
 * with the index of the thread that runs it (for the thread's workspaces).
 */
public final class Workers implements AutoCloseable {

    /** Work on the points [from, to) as chunk number {@code chunk}. */
    @FunctionalInterface
    public interface Chunk {
        void run(int chunk, int from, int to);
    }

    /**
     * Fewest points per thread for a heavy pointwise kernel (a few hundred ns per point: primitive
     * recovery, the fused right-hand-side kernel): below it handing work to another thread costs
     * more than it saves, so the caller's thread does it all. 16×1×1 took 1.45 s on 2 threads
     * against 0.17 s on 1 without it.
     */
    public static final int HEAVY_GRAIN = 2048;

    /**
     * Fewest points per thread for a streaming pass of a few flops per point (stage arithmetic,
     * k-space multiplications): such passes are memory-bound and only large arrays pay for a hand-off.
     */
    public static final int STREAMING_GRAIN = 32768;

    /** Pieces per thread of {@link #forEachPiece}: enough to even out a slowed thread, few enough to cost nothing. */
    public static final int PIECES_PER_THREAD = 8;

    /** Piece boundaries of {@link #forEachPiece} fall on multiples of this many elements (a 64-byte line of doubles). */
    private static final int PIECE_ALIGNMENT = 8;

    /** Spin iterations before parking: short enough not to steal a busy core for long. */
    private static final int SPINS = 2000;

    private static final Workers SINGLE = new Workers(1);
    private static final java.util.Map<Integer, Workers> SHARED = new java.util.concurrent.ConcurrentHashMap<>();

    private final int size;
    private final Thread[] threads;
    private final RuntimeException[] failures;
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();
    private volatile int generation;
    private volatile Thread caller;
    private volatile Chunk task;
    private volatile int length;
    private volatile boolean closed;
    private final Pieces pieces;
    // the caller's wait at the end of split passes, and how many such passes (written under this team's lock)
    private long waitNanos;
    private long splitPasses;

    private Workers(int size) {
        this.size = size;
        this.threads = new Thread[size];
        this.failures = new RuntimeException[size];
        this.pieces = new Pieces(size);
        for (int t = 1; t < size; t++) {
            final int index = t;
            Thread thread = new Thread(() -> loop(index), "is-spectral-worker-" + t);
            thread.setDaemon(true);
            threads[t] = thread;
            thread.start();
        }
    }

    /** A team of {@code size} ≥ 1 threads (the caller counts as one). */
    public static Workers create(int size) {
        checkSize(size);
        return size == 1 ? SINGLE : new Workers(size);
    }

    private static void checkSize(int size) {
        if (size < 1 || size > 256) {
            throw new IllegalArgumentException("threads = " + size + "; must be in [1, 256]");
        }
    }


    /**
     * The process-wide team of {@code size} threads, created on first use and never closed, so
     * solvers need not manage thread lifetimes. Calls from several threads are serialised.
     */
    public static Workers shared(int size) {
        if (size == 1) {
            return SINGLE;
        }
        checkSize(size);
        return SHARED.computeIfAbsent(size, Workers::new);
    }

    /**
     * Whether {@link #forEachChunk(int, int, Chunk)} (and {@link #forEachPiece}) would split {@code n} elements of this
     * grain.
     */
    public boolean splits(int n, int grain) {
        return size > 1 && n >= 2 * size && n / size >= grain;
    }

    /** Whether {@link #forEachItem} (and {@link #forEachItemPiece}) would split {@code n} items: one per thread at least. */
    private boolean splitsItems(int n) {
        return size > 1 && n >= size;
    }

    private static void requireGrain(int grain) {
        if (grain < 1) {
            throw new IllegalArgumentException("grain = " + grain + "; must be >= 1");
        }
    }

    /**
     * Nanoseconds the calling threads of this team's split passes spent, after their own part, waiting for the other
     * threads to finish theirs, summed over every split pass so far: the cost of uneven parts, of a thread the machine
     * slowed and of waking the workers (passes the caller ran alone wait for nobody and are not counted). Read it before
     * and after some steps for their share; 0 for a one-thread team.
     */
    public synchronized long waitNanos() {
        return waitNanos;
    }

    /** The passes so far that were split over the team (those {@link #waitNanos} sums over). */
    public synchronized long splitPasses() {
        return splitPasses;
    }

    /** Number of threads, the caller included. */
    public int size() {
        return size;
    }

    /**
     * Runs {@code chunk} over [0, n) split into {@link #size()} contiguous chunks and waits for all;
     * every chunk gets at least one element, else the caller's thread runs [0, n) as chunk 0. For
     * work items as costly as a whole FFT line; pointwise passes use {@link #forEachChunk(int, int, Chunk)}.
     */
    public void forEachChunk(int n, Chunk chunk) {
        forEachChunk(n, 1, chunk);
    }

    /**
     * As {@link #forEachChunk(int, Chunk)}, but the range is split only if every thread gets at least
     * {@code grain} elements ({@link #HEAVY_GRAIN}, {@link #STREAMING_GRAIN}); otherwise the caller's
     * thread runs [0, n) as chunk 0. A pointwise kernel gives the same bits either way.
     */
    public void forEachChunk(int n, int grain, Chunk chunk) {
        requireGrain(grain);
        if (!splits(n, grain)) {
            chunk.run(0, 0, n);
            return;
        }
        synchronized (this) {
            runChunks(n, chunk);
        }
    }

    /**
     * Runs {@code chunk} over [0, n) cut into pieces: about {@value #PIECES_PER_THREAD} pieces per thread, none
     * shorter than {@code grain} elements, boundaries on multiples of {@value #PIECE_ALIGNMENT}; each thread takes the
     * pieces of its own contiguous share first (as {@link #forEachChunk(int, int, Chunk)} would give it), then the
     * others' remaining ones ({@link Pieces}). Each piece is one call {@code chunk.run(thread, from, to)}, {@code thread} the index of
     * the thread running it (0 the caller), so a thread may run several pieces and a task must give the same results
     * whichever thread runs a piece (a pointwise kernel with per-thread workspaces does). Splits as
     * {@link #forEachChunk(int, int, Chunk)} does: not at all (the caller runs [0, n) as one piece) unless every
     * thread gets {@code grain} elements. If pieces fail, the exception of the first failing piece in index order is
     * rethrown after the pass, as a pass over the pieces in order would have thrown it; pieces after it may not run.
     */
    public void forEachPiece(int n, int grain, Chunk chunk) {
        requireGrain(grain);
        if (!splits(n, grain)) {
            chunk.run(0, 0, n);
            return;
        }
        int length = Math.max(grain, -Math.floorDiv(-n, size * PIECES_PER_THREAD));
        length = -Math.floorDiv(-length, PIECE_ALIGNMENT) * PIECE_ALIGNMENT;
        synchronized (this) {
            runPieces(n, length, chunk);
        }
    }

    /**
     * As {@link #forEachItem}, for items as costly as a whole 3-D transform, one piece per item, each thread taking its
     * own share first, then the others' remaining items (see {@link #forEachPiece}): {@code chunk.run(thread, i, i + 1)} for each item i. On the
     * caller's thread alone unless there are at least as many items as threads.
     */
    public void forEachItemPiece(int n, Chunk chunk) {
        if (!splitsItems(n)) {
            chunk.run(0, 0, n);
            return;
        }
        synchronized (this) {
            runPieces(n, 1, chunk);
        }
    }

    private void runPieces(int n, int length, Chunk chunk) {
        pieces.prepare(n, length, chunk);
        try {
            runChunks(n, pieces);
            pieces.rethrow();
        } finally {
            pieces.clear();
        }
    }

    /**
     * The task every thread runs for {@link #forEachPiece}: the pieces are dealt as the static split would (thread t
     * owns the t-th contiguous run of them), each thread takes its own in order, then, when they are gone, takes the
     * next ones of the others' runs in turn. On a quiet machine every thread does its own run, with the cache affinity of
     * the static split from pass to pass; a thread that falls behind has its last pieces done by the others. A thread
     * stops at its first failure, and no thread starts a piece above the lowest failed so far; each run is taken in
     * increasing order, so every piece below the lowest failing one is done, and the pass reports that one.
     */
    private static final class Pieces implements Chunk {
        /** Ints between two threads' counters: 64 bytes, so they do not share a cache line. */
        private static final int STRIDE = 16;
        private final int size;
        private final java.util.concurrent.atomic.AtomicIntegerArray next;
        private final int[] end;
        private final java.util.concurrent.atomic.AtomicInteger stopAt = new java.util.concurrent.atomic.AtomicInteger();
        private final int[] failedPiece;
        private final RuntimeException[] failure;
        private int n;
        private int length;
        private Chunk chunk;

        Pieces(int size) {
            this.size = size;
            this.next = new java.util.concurrent.atomic.AtomicIntegerArray(size * STRIDE);
            this.end = new int[size];
            this.failedPiece = new int[size];
            this.failure = new RuntimeException[size];
        }

        void prepare(int n, int length, Chunk chunk) {
            this.n = n;
            this.length = length;
            int count = (int) (((long) n + length - 1) / length);
            this.chunk = chunk;
            for (int t = 0; t < size; t++) {
                next.set(t * STRIDE, (int) ((long) count * t / size));
                end[t] = (int) ((long) count * (t + 1) / size);
            }
            stopAt.set(count);
            java.util.Arrays.fill(failedPiece, Integer.MAX_VALUE);
            java.util.Arrays.fill(failure, null);
        }

        @Override
        public void run(int thread, int ignoredFrom, int ignoredTo) {
            for (int k = 0; k < size; k++) {
                int owner = (thread + k) % size;
                for (int p; (p = next.getAndIncrement(owner * STRIDE)) < end[owner] && p < stopAt.get(); ) {
                    int from = p * length;   // pieces * length < n + length: no overflow for n < 2^31 − length
                    try {
                        chunk.run(thread, from, Math.min(n, from + length));
                    } catch (RuntimeException e) {
                        failedPiece[thread] = p;
                        failure[thread] = e;
                        stopAt.accumulateAndGet(p, Math::min);
                        return;
                    }
                }
            }
        }

        void rethrow() {
            int lowest = Integer.MAX_VALUE;
            RuntimeException first = null;
            for (int t = 0; t < failure.length; t++) {
                if (failure[t] != null && failedPiece[t] < lowest) {
                    lowest = failedPiece[t];
                    first = failure[t];
                }
            }
            if (first != null) {
                throw first;
            }
        }

        void clear() {
            chunk = null;
            java.util.Arrays.fill(failure, null);
        }
    }

    /**
     * Runs {@code chunk} over [0, n) split into {@link #size()} contiguous chunks as soon as every thread gets at
     * least one item ({@code n >= size()}), else on the caller's thread: for items as costly as a whole 3-D
     * transform, where two items over two threads already pay ({@link #forEachChunk(int, Chunk)} wants two per thread).
     */
    public void forEachItem(int n, Chunk chunk) {
        if (!splitsItems(n)) {
            chunk.run(0, 0, n);
            return;
        }
        synchronized (this) {
            runChunks(n, chunk);
        }
    }

    private void runChunks(int n, Chunk chunk) {
        if (closed) {
            throw new IllegalStateException("workers closed");
        }
        task = chunk;
        length = n;
        caller = Thread.currentThread();
        for (int t = 1; t < size; t++) {
            failures[t] = null;
        }
        pending.set(size - 1);
        generation++;
        for (int t = 1; t < size; t++) {
            LockSupport.unpark(threads[t]);
        }
        RuntimeException first = null;
        try {
            chunk.run(0, 0, bound(0, n));
        } catch (RuntimeException e) {
            first = e;
        }
        // wait for the other chunks: spin briefly (they are usually nearly done), then park
        long waitStart = System.nanoTime();
        for (int spin = 0; pending.get() != 0; spin++) {
            if (spin < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        waitNanos += System.nanoTime() - waitStart;
        splitPasses++;
        task = null;
        if (first != null) {
            throw first;
        }
        for (int t = 1; t < size; t++) {
            if (failures[t] != null) {
                throw failures[t];
            }
        }
    }

    private int bound(int chunk, int n) {
        return (int) ((long) n * (chunk + 1) / size);
    }

    /**
     * A worker waits for a new generation (park/unpark carry no allocation, unlike a semaphore's
     * queue nodes), runs its chunk and, as the last to finish, wakes the caller.
     */
    private void loop(int index) {
        int seen = 0;
        while (true) {
            int current;
            for (int spin = 0; (current = generation) == seen; spin++) {
                if (closed) {
                    return;
                }
                if (spin < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            seen = current;
            if (closed) {
                return;
            }
            int n = length;
            try {
                task.run(index, bound(index - 1, n), bound(index, n));
            } catch (RuntimeException e) {
                failures[index] = e;
            } catch (Error e) {
                failures[index] = new IllegalStateException("worker " + index + " failed", e);
            } finally {
                if (pending.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }

    /** Stops the threads (the single-thread team has none). */
    @Override
    public void close() {
        if (size == 1 || closed) {
            return;
        }
        closed = true;
        for (int t = 1; t < size; t++) {
            LockSupport.unpark(threads[t]);
        }
    }

    @Override
    public String toString() {
        return "Workers[" + size + "]";
    }
}
