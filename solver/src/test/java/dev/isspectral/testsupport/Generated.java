package dev.isspectral.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * A small property-based test driver: a seeded {@link Random}, generators that mix the edge cases of doubles and
 * strings (NaN, the infinities, ±0, subnormals, ±MAX_VALUE, values just outside common ranges, empty and malformed
 * text) with random values, and {@link #check} that runs a property for a number of tries and, on a failure, names
 * the seed, the try and the generated value so that it can be reproduced ({@code -Dgenerated.seed=...}).
 *
 * <p>Written for this project instead of using jqwik: jqwik 1.10's "Anti-AI Usage Clause" asks that AI coding
 * agents not use it, and these tests were written by one.
 */
public final class Generated {

    /** The seed: {@code -Dgenerated.seed} if given, else fixed, so that a run is reproducible. */
    public static final long SEED = Long.getLong("generated.seed", 20261204L);

    private static final double[] SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0 / 3.0,
        Math.nextUp(1.0 / 3.0), Math.nextDown(1.0 / 3.0), 1.0, Math.nextUp(1.0), Math.nextDown(1.0), -1.0,
        Math.nextDown(-1.0), Math.nextUp(-1.0), 2.0, Math.nextDown(2.0), 2.5, Math.nextUp(2.5), 1e-300, 1e300, -1e300};

    private static final String[] SPECIAL_TEXT = {"", " ", "NaN", "-NaN", "Infinity", "-Infinity", "inf", "1e400",
        "-1e400", "1e-400", "0", "-0", "-1", "0x1p3", "1,5", "1.5.2", "--", "abc", "١", "\t", "9".repeat(40), "1d", "+"};

    private final Random random;

    public Generated(long seed) {
        this.random = new Random(seed);
    }

    public Random random() {
        return random;
    }

    /** A double: a special value (1/3 of draws), one in [-3, 3] (1/3), or any bit pattern's double (1/3). */
    public double anyDouble() {
        return switch (random.nextInt(3)) {
            case 0 -> SPECIAL[random.nextInt(SPECIAL.length)];
            case 1 -> -3 + 6 * random.nextDouble();
            default -> Double.longBitsToDouble(random.nextLong());
        };
    }

    /** Text for a numeric option: a double's text, an edge-case string, or random printable garbage. */
    public String numberText() {
        return switch (random.nextInt(4)) {
            case 0 -> SPECIAL_TEXT[random.nextInt(SPECIAL_TEXT.length)];
            case 1 -> garbage(random.nextInt(8));
            default -> Double.toString(anyDouble());
        };
    }

    /** {@code n} random characters from printable ASCII, a few separators and a non-Latin digit. */
    public String garbage(int n) {
        String alphabet = "0123456789.-+eExX,;: abcNaIfy*×٣";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    public <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    @SafeVarargs
    public final <T> T oneOf(T... values) {
        return values[random.nextInt(values.length)];
    }

    /**
     * Runs {@code property} on {@code tries} generated values; fails with the seed, the try and the value.
     *
     * @return the number of tries run
     */
    public static <T> int check(String name, int tries, Function<Generated, T> generator, java.util.function.Consumer<T> property) {
        Generated g = new Generated(SEED ^ name.hashCode());
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < tries; i++) {
            T value = generator.apply(g);
            try {
                property.accept(value);
            } catch (AssertionError | RuntimeException e) {
                failures.add("try " + i + ", value " + describe(value) + ": " + e.getMessage());
                if (failures.size() >= 5) {
                    break;
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(name + " failed (seed " + SEED + "):\n  " + String.join("\n  ", failures));
        }
        System.out.println(name + ": " + tries + " generated cases passed (seed " + SEED + ")");
        return tries;
    }

    private static String describe(Object value) {
        if (value instanceof String[] a) {
            return java.util.Arrays.toString(a);
        }
        return String.valueOf(value);
    }
}
