package dev.isspectral.time;

/**
 * The stiff data S(Y) = (K, X_NS) of one pass: for each relaxing field X, the rate K (1/(γτ)) and
 * the Navier–Stokes target X_NS, so that F_I = −K (X − X_NS) (physics.md eq. 4.15). Rate arrays
 * may be shared between fields (the five π components share K_π).
 */
public final class Relaxation {

    private final double[][] rate;
    private final double[][] target;

    /**
     * Stiff data for {@code fields} fields of {@code points} points; arrays are allocated for the
     * relaxing ones; {@code rateGroup[f]} names the rate array field f uses (fields with the same
     * group share one array), or −1 for a field that does not relax.
     */
    public Relaxation(int points, int[] rateGroup) {
        int fields = rateGroup.length;
        this.rate = new double[fields][];
        this.target = new double[fields][];
        double[][] groups = new double[fields][];
        for (int f = 0; f < fields; f++) {
            int g = rateGroup[f];
            if (g < 0) {
                continue;
            }
            if (groups[g] == null) {
                groups[g] = new double[points];
            }
            rate[f] = groups[g];
            target[f] = new double[points];
        }
    }

    /** K of field {@code f} (shared arrays are the same object), or null if f does not relax. */
    public double[] rate(int f) {
        return rate[f];
    }

    /** X_NS of field {@code f}, or null if f does not relax. */
    public double[] target(int f) {
        return target[f];
    }

    /** Whether field {@code f} relaxes. */
    public boolean relaxes(int f) {
        return rate[f] != null;
    }

    /**
     * The pointwise implicit stage solve (physics.md eq. 6.1) with h·a = {@code ha}:
     * X = (X̂ + ha K X_NS)/(1 + ha K) on relaxing fields; other fields are copied.
     */
    public void solve(double[][] predicted, double ha, double[][] out) {
        solve(predicted, ha, out, 0, predicted[0].length);
    }

    /** {@link #solve(double[][], double, double[][])} on the points [from, to) only (for one thread's chunk). */
    public void solve(double[][] predicted, double ha, double[][] out, int from, int to) {
        for (int f = 0; f < rate.length; f++) {
            double[] in = predicted[f];
            double[] o = out[f];
            double[] k = rate[f];
            if (k == null) {
                if (o != in && o != null) {
                    System.arraycopy(in, from, o, from, to - from);
                }
                continue;
            }
            double[] x = target[f];
            for (int p = from; p < to; p++) {
                double hk = ha * k[p];
                o[p] = (in[p] + hk * x[p]) / (1.0 + hk);
            }
        }
    }

    /** out[f] = −K (y[f] − X_NS) on relaxing fields; other fields of out are left unchanged. */
    public void relaxationRate(double[][] y, double[][] out) {
        relaxationRate(y, out, 0, y[0].length);
    }

    /** {@link #relaxationRate(double[][], double[][])} on the points [from, to) only. */
    public void relaxationRate(double[][] y, double[][] out, int from, int to) {
        for (int f = 0; f < rate.length; f++) {
            double[] k = rate[f];
            if (k == null) {
                continue;
            }
            double[] x = target[f];
            double[] yf = y[f];
            double[] o = out[f];
            for (int p = from; p < to; p++) {
                o[p] = -k[p] * (yf[p] - x[p]);
            }
        }
    }

    /** Bytes held. */
    public long bytesHeld() {
        long bytes = 0;
        java.util.Set<double[]> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int f = 0; f < rate.length; f++) {
            if (rate[f] != null && seen.add(rate[f])) {
                bytes += 8L * rate[f].length;
            }
            if (target[f] != null) {
                bytes += 8L * target[f].length;
            }
        }
        return bytes;
    }
}
