package dev.isspectral.profile;

/**
 * Column names of the {@link Profile} tables (and of {@link Profile#diff}). Times in milliseconds,
 * sizes in bytes, shares as fractions 0..1; "per step" means divided by the measured steps.
 * <ul>
 *   <li>{@code priorities} (read first): {@link #RANK}, {@link #BY} ("self time": {@link #VALUE} in
 *       ms per step; "bytes": self bytes per step), {@link #SPAN}, {@link #VALUE}, {@link #SHARE}
 *       (of the step's time, or of the step's bytes over all threads)</li>
 *   <li>{@code summary}: {@link #METRIC}, {@link #VALUE}; metrics steps, points, ms_per_step,
 *       bytes_per_step, peak_heap_bytes, solver_bytes, solver_bytes_per_point, fft_calls_per_step,
 *       minimum_transforms_per_step, redundant_transforms_per_step, constant_input_transforms_per_step,
 *       large_allocations</li>
 *   <li>{@code hierarchy} (every span path) and {@code breakdown} (depth ≤ 3): {@link #SPAN} path, e.g.
 *       {@code step/stage1/rhs/fluxes}; {@link #DEPTH} (1 = top); {@link #CALLS}; {@link #CALLS_PER_STEP};
 *       {@link #TOTAL_MS}; {@link #SELF_MS} (total − direct children); {@link #MEAN_MS}, {@link #MIN_MS},
 *       {@link #MAX_MS} per call; {@link #SHARE_OF_STEP}; {@link #BYTES} allocated inside the span by its
 *       thread (children included); {@link #BYTES_PER_STEP}</li>
 *   <li>{@code calls}: {@link #CALLER} (span path, "" at top), {@link #CALLEE} (span name),
 *       {@link #CALLS}, {@link #CALLS_PER_STEP}, {@link #CALLS_PER_CALLER_CALL}</li>
 *   <li>{@code operations} (by span name over all paths): {@link #OPERATION}, {@link #PATHS},
 *       {@link #CALLS}, {@link #CALLS_PER_STEP}, {@link #TOTAL_MS}, {@link #SELF_MS}</li>
 *   <li>{@code fft}: {@link #BACKEND}, {@link #SHAPE} (NX×NY×NZ), {@link #DIRECTION} (forward/inverse),
 *       {@link #REAL_TO_COMPLEX}, {@link #SINGLE_PRECISION}, {@link #THREADS}, {@link #CALLS},
 *       {@link #CALLS_PER_STEP}, {@link #TOTAL_MS}, {@link #MEAN_MS}, {@link #GFLOPS} (nominal:
 *       5·N·log2 N flop per complex transform of N points, half that for real-to-complex),
 *       {@link #SHARE_OF_STEP}, {@link #REDUNDANT} (forward transforms of unchanged input)</li>
 *   <li>{@code redundancy}: {@link #SPAN} that asked for the repeated transform, {@link #REDUNDANT}
 *       (forward transforms of identical, non-constant input, over the measured steps), {@link #REDUNDANT_PER_STEP}</li>
 *   <li>{@code avoidable_transforms}: {@link #SPAN}, {@link #FIELD} (as the solver named it, e.g.
 *       {@code v_y}, {@code pi_xy}, {@code Txy}), {@link #KIND} ("repeat", "zero field", "constant field"),
 *       {@link #COUNT}, {@link #CALLS_PER_STEP}</li>
 *   <li>{@code span_steps}: {@link #SPAN}, {@link #STEP}, {@link #TOTAL_MS} (the span's time inside that step)</li>
 *   <li>{@code large_allocations} (Flight Recorder, at or above the threshold): {@link #SITE} (top
 *       frames, innermost first, joined by " &lt; "), {@link #TOP_FRAME} (the allocating method,
 *       {@code Class.method:line}), {@link #OBJECT_CLASS}, {@link #COUNT}, {@link #BYTES},
 *       {@link #MAX_BYTES}</li>
 *   <li>{@code steps}: {@link #STEP}, {@link #WALL_MS}, {@link #FFT_MS} (inside FFT spans), {@link #BYTES_ALL_THREADS},
 *       {@link #HEAP_USED_BYTES} (at step end), {@link #PEAK_HEAP_BYTES} (see {@link HeapPeak}),
 *       {@link #DT}, {@link #CFL}, {@link #MEAN_RECOVERY_ITERATIONS}, {@link #MAX_RECOVERY_ITERATIONS},
 *       {@link #MAX_SPEED} (max |v| after the step)</li>
 *   <li>{@code memory} (the solver's own accounting): {@link #COMPONENT}, {@link #BYTES},
 *       {@link #BYTES_PER_POINT}</li>
 *   <li>{@code caches}: {@link #NAME}, {@link #HITS}, {@link #MISSES}, {@link #HIT_RATE}, {@link #BYTES_HELD}</li>
 *   <li>{@code diff} ({@link Profile#diff}): {@link #TABLE}, {@link #KEY}, {@link #COLUMN},
 *       {@link #BEFORE}, {@link #AFTER}, {@link #DIFFERENCE} (after − before), {@link #RATIO} (after / before)</li>
 * </ul>
 * {@link Scaling.Result}, {@link Compare} and {@link ProfilingOverhead} name their own columns.
 */
public final class Columns {
    public static final String SPAN = "span";
    public static final String DEPTH = "depth";
    public static final String CALLS = "calls";
    public static final String CALLS_PER_STEP = "calls_per_step";
    public static final String TOTAL_MS = "total_ms";
    public static final String SELF_MS = "self_ms";
    public static final String MEAN_MS = "mean_ms";
    public static final String MIN_MS = "min_ms";
    public static final String MAX_MS = "max_ms";
    public static final String SHARE_OF_STEP = "share_of_step";
    public static final String BYTES = "bytes";
    public static final String BYTES_PER_STEP = "bytes_per_step";
    public static final String BACKEND = "backend";
    public static final String SHAPE = "shape";
    public static final String DIRECTION = "direction";
    public static final String REAL_TO_COMPLEX = "real_to_complex";
    public static final String SINGLE_PRECISION = "single_precision";
    public static final String THREADS = "threads";
    public static final String GFLOPS = "gflops";
    public static final String REDUNDANT = "redundant";
    public static final String REDUNDANT_PER_STEP = "redundant_per_step";
    public static final String STEP = "step";
    public static final String WALL_MS = "wall_ms";
    public static final String BYTES_ALL_THREADS = "bytes_all_threads";
    public static final String HEAP_USED_BYTES = "heap_used_bytes";
    public static final String DT = "dt";
    public static final String CFL = "cfl";
    public static final String MEAN_RECOVERY_ITERATIONS = "mean_recovery_iterations";
    public static final String MAX_RECOVERY_ITERATIONS = "max_recovery_iterations";
    public static final String COMPONENT = "component";
    public static final String BYTES_PER_POINT = "bytes_per_point";
    public static final String NAME = "name";
    public static final String HITS = "hits";
    public static final String MISSES = "misses";
    public static final String HIT_RATE = "hit_rate";
    public static final String BYTES_HELD = "bytes_held";
    public static final String RANK = "rank";
    public static final String BY = "by";
    public static final String VALUE = "value";
    public static final String SHARE = "share";
    public static final String PEAK_HEAP_BYTES = "peak_heap_bytes";
    public static final String MAX_SPEED = "max_speed";
    public static final String CALLER = "caller";
    public static final String CALLEE = "callee";
    public static final String CALLS_PER_CALLER_CALL = "calls_per_caller_call";
    public static final String OPERATION = "operation";
    public static final String PATHS = "paths";
    public static final String SITE = "site";
    public static final String TOP_FRAME = "top_frame";
    public static final String OBJECT_CLASS = "object_class";
    public static final String COUNT = "count";
    public static final String MAX_BYTES = "max_bytes";
    public static final String METRIC = "metric";
    public static final String TABLE = "table";
    public static final String KEY = "key";
    public static final String COLUMN = "column";
    public static final String BEFORE = "before";
    public static final String AFTER = "after";
    public static final String DIFFERENCE = "difference";
    public static final String RATIO = "ratio";
    public static final String FFT_MS = "fft_ms";
    public static final String FIELD = "field";
    public static final String KIND = "kind";

    private Columns() {
    }
}
