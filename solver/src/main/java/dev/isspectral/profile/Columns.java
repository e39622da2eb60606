package dev.isspectral.profile;

/**
 * Column names of the {@link Profile} tables. Times in milliseconds, sizes in bytes.
 * <ul>
 *   <li>{@link #SPAN} span path, e.g. {@code step/rhs/fluxes}; {@link #DEPTH} nesting depth (1 = top)</li>
 *   <li>{@link #CALLS} calls over the measured steps; {@link #CALLS_PER_STEP} calls / steps</li>
 *   <li>{@link #TOTAL_MS} total time; {@link #SELF_MS} total minus direct children;
 *       {@link #MEAN_MS}, {@link #MIN_MS}, {@link #MAX_MS} per call</li>
 *   <li>{@link #SHARE_OF_STEP} fraction (0..1) of the summed step wall time</li>
 *   <li>{@link #BYTES} bytes allocated inside the span by its thread; {@link #BYTES_PER_STEP} per step</li>
 *   <li>FFT: {@link #BACKEND}, {@link #SHAPE} (NX×NY×NZ), {@link #DIRECTION} (forward/inverse),
 *       {@link #REAL_TO_COMPLEX}, {@link #SINGLE_PRECISION}, {@link #THREADS}, {@link #GFLOPS}
 *       (nominal: 5·N·log2 N per complex transform, half for real-to-complex), {@link #REDUNDANT}</li>
 *   <li>steps: {@link #STEP}, {@link #WALL_MS}, {@link #BYTES_ALL_THREADS}, {@link #HEAP_USED_BYTES},
 *       {@link #DT}, {@link #CFL}, {@link #MEAN_RECOVERY_ITERATIONS}, {@link #MAX_RECOVERY_ITERATIONS}</li>
 *   <li>memory: {@link #COMPONENT}, {@link #BYTES}, {@link #BYTES_PER_POINT}</li>
 *   <li>caches: {@link #NAME}, {@link #HITS}, {@link #MISSES}, {@link #HIT_RATE}, {@link #BYTES_HELD}</li>
 *   <li>priority: {@link #RANK}, {@link #BY} ("self time" or "bytes"), {@link #SPAN}, {@link #VALUE}, {@link #SHARE}</li>
 * </ul>
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

    private Columns() {
    }
}
