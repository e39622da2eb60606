package dev.isspectral.jmh.simd;

/**
 * The step's three largest simple loop families, written as the solver writes them (same arithmetic, same order):
 * the k-space derivative i k·f of one spectrum along an axis whose k is constant along each row
 * ({@code SpectralOperators.kspaceChunk}, DERIVATIVE, axis x or y), the stage combination with two terms
 * ({@code ImexStepper.combineChunk}, case 2) and the relaxation solve ({@code Relaxation.solve}). Copies, so that
 * the benchmark compares loop against loop without opening the solver's private methods; {@link VectorLoopsTest}
 * (test scope) pins that the Vector API versions give these loops' bits.
 */
public final class ScalarLoops {

    private ScalarLoops() {
    }

    /**
     * out = i k·src on rows [fromRow, toRow) of an interleaved half spectrum with {@code rowLength} complex values
     * per row; {@code k[row]} is the row's wavenumber (as for axis x or y).
     */
    public static void derivative(double[] src, double[] out, double[] k, int rowLength, int fromRow, int toRow) {
        for (int row = fromRow; row < toRow; row++) {
            int begin = 2 * row * rowLength;
            int end = begin + 2 * rowLength;
            double kr = k[row];
            for (int p = begin; p < end; p += 2) {
                double re = src[p];
                out[p] = -kr * src[p + 1];
                out[p + 1] = kr * re;
            }
        }
    }

    /** o = (u + w0 a0) + w1 a1 on [from, to). */
    public static void combine2(double[] u, double[] a0, double w0, double[] a1, double w1, double[] o, int from, int to) {
        for (int p = from; p < to; p++) {
            double sum = u[p] + w0 * a0[p];
            o[p] = sum + w1 * a1[p];
        }
    }

    /** o = (in + h a K X) / (1 + h a K) on [from, to): the implicit relaxation solve of one field. */
    public static void relax(double[] in, double[] rate, double[] target, double ha, double[] o, int from, int to) {
        for (int p = from; p < to; p++) {
            double hk = ha * rate[p];
            o[p] = (in[p] + hk * target[p]) / (1.0 + hk);
        }
    }
}
