package dev.isspectral.jmh.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ScalarLoops} with the JDK's Vector API (incubating in Java 17: needs {@code --add-modules
 * jdk.incubator.vector}), on the preferred species of the machine (8 doubles with AVX-512, 4 with AVX2). Every lane
 * does the scalar loop's operations in the scalar loop's order (lanewise add, multiply and divide are exactly
 * rounded, as the scalar ones are; no fused multiply-add), so the bits are the scalar loop's; the remainder of a row
 * or range is done by the scalar code.
 */
public final class VectorLoops {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Lane i takes lane i xor 1: (re, im) pairs swapped. */
    private static final VectorShuffle<Double> SWAP_PAIRS = VectorShuffle.fromOp(SPECIES, i -> i ^ 1);
    /** −1 on the real lanes, +1 on the imaginary lanes: i k (re, im) = (−k im, k re). */
    private static final DoubleVector SIGNS = DoubleVector.fromArray(SPECIES, signs(), 0);

    private VectorLoops() {
    }

    /** The number of doubles per vector on this machine. */
    public static int lanes() {
        return LANES;
    }

    private static double[] signs() {
        double[] s = new double[LANES];
        for (int i = 0; i < LANES; i++) {
            s[i] = (i & 1) == 0 ? -1.0 : 1.0;
        }
        return s;
    }

    /** {@link ScalarLoops#derivative}: the pairs swapped, times (−k, k, −k, k, …) (the negation is exact). */
    public static void derivative(double[] src, double[] out, double[] k, int rowLength, int fromRow, int toRow) {
        int width = 2 * rowLength;
        int bound = SPECIES.loopBound(width);
        for (int row = fromRow; row < toRow; row++) {
            int begin = 2 * row * rowLength;
            double kr = k[row];
            DoubleVector factor = SIGNS.mul(kr);
            int q = 0;
            for (; q < bound; q += LANES) {
                DoubleVector v = DoubleVector.fromArray(SPECIES, src, begin + q);
                v.rearrange(SWAP_PAIRS).mul(factor).intoArray(out, begin + q);
            }
            for (int p = begin + q; p < begin + width; p += 2) {
                double re = src[p];
                out[p] = -kr * src[p + 1];
                out[p + 1] = kr * re;
            }
        }
    }

    /** {@link ScalarLoops#combine2}. */
    public static void combine2(double[] u, double[] a0, double w0, double[] a1, double w1, double[] o, int from, int to) {
        int p = from;
        for (int bound = from + SPECIES.loopBound(to - from); p < bound; p += LANES) {
            DoubleVector sum = DoubleVector.fromArray(SPECIES, u, p)
                    .add(DoubleVector.fromArray(SPECIES, a0, p).mul(w0));
            sum.add(DoubleVector.fromArray(SPECIES, a1, p).mul(w1)).intoArray(o, p);
        }
        for (; p < to; p++) {
            double sum = u[p] + w0 * a0[p];
            o[p] = sum + w1 * a1[p];
        }
    }

    /** {@link ScalarLoops#relax}. */
    public static void relax(double[] in, double[] rate, double[] target, double ha, double[] o, int from, int to) {
        int p = from;
        for (int bound = from + SPECIES.loopBound(to - from); p < bound; p += LANES) {
            DoubleVector hk = DoubleVector.fromArray(SPECIES, rate, p).mul(ha);
            DoubleVector.fromArray(SPECIES, in, p).add(hk.mul(DoubleVector.fromArray(SPECIES, target, p)))
                    .div(hk.add(1.0)).intoArray(o, p);
        }
        for (; p < to; p++) {
            double hk = ha * rate[p];
            o[p] = (in[p] + hk * target[p]) / (1.0 + hk);
        }
    }
}
