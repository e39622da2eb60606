package dev.isspectral.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The small functions the kernel composes, checked against identities they must satisfy exactly (to
 * round-off): ∂_μγ of eq. 4.4 keeps u_ν∂_μu^ν = 0; σ of eq. 4.7 is symmetric, traceless and transverse;
 * the dependent components of eqs. 1.3–1.5 make π transverse and traceless; the ideal flux of eq. 1.2 is
 * T^{ij} of a perfect fluid; C of eq. 4.14 is the commutator ωπ − πω in the rest frame. A sign or factor
 * error in any of them breaks an identity by O(1).
 */
class PointFunctionsTest {

    private static final double[] G = {-1, 1, 1, 1};

    /** du[μ][ν] = ∂_μu^ν from v and ∂_μv (rows), by eq. 4.4. */
    private static double[][] fourVelocityGradient(double[] v, double[][] dv) {
        double gamma = 1 / Math.sqrt(1 - (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]));
        double gamma3 = gamma * gamma * gamma;
        double[][] du = new double[4][4];
        for (int mu = 0; mu < 4; mu++) {
            double dg = Kinematics.lorentzFactorDerivative(gamma3, v[0], v[1], v[2], dv[mu][0], dv[mu][1], dv[mu][2]);
            du[mu][0] = dg;
            for (int j = 0; j < 3; j++) {
                du[mu][j + 1] = Kinematics.fourVelocityDerivative(gamma, dv[mu][j], v[j], dg);
            }
        }
        return du;
    }

    private static double[] fourVelocity(double[] v) {
        double gamma = 1 / Math.sqrt(1 - (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]));
        return new double[] {gamma, gamma * v[0], gamma * v[1], gamma * v[2]};
    }

    /** eq. 0.1: u^μu_μ = −1 with u = γ(1, v), γ = 1/inverseLorentzFactor; γ = 1.25 at |v| = 0.6. */
    @Test
    void inverseLorentzFactorNormalisesTheFourVelocity() {
        assertEquals(0.8, Kinematics.inverseLorentzFactor(0.36, 0.48, 0), 1e-15);
        assertEquals(1.0, Kinematics.inverseLorentzFactor(0, 0, 0), 0);
        Random random = new Random(17);
        for (int n = 0; n < 100; n++) {
            double vx = 0.5 * (random.nextDouble() - 0.5);
            double vy = 0.5 * (random.nextDouble() - 0.5);
            double vz = 0.5 * (random.nextDouble() - 0.5);
            double gamma = 1 / Kinematics.inverseLorentzFactor(vx, vy, vz);
            assertEquals(-1, -gamma * gamma + gamma * gamma * (vx * vx + vy * vy + vz * vz), 1e-14);
        }
    }

    @Test
    void fourVelocityStaysNormalisedAndSigmaIsTransverseAndTraceless() {
        Random random = new Random(17);
        for (int trial = 0; trial < 200; trial++) {
            double[] v = {0.5 * (random.nextDouble() - 0.5), 0.5 * (random.nextDouble() - 0.5), 0.5 * (random.nextDouble() - 0.5)};
            double[][] dv = new double[4][3];
            for (double[] row : dv) {
                for (int j = 0; j < 3; j++) {
                    row[j] = random.nextGaussian();
                }
            }
            double[] u = fourVelocity(v);
            double[][] du = fourVelocityGradient(v, dv);
            for (int mu = 0; mu < 4; mu++) {
                double normal = -u[0] * du[mu][0] + u[1] * du[mu][1] + u[2] * du[mu][2] + u[3] * du[mu][3];
                assertEquals(0.0, normal, 1e-13, "u_nu d_mu u^nu");
            }
            double theta = Kinematics.expansion(du[0][0], du[1][1], du[2][2], du[3][3]);
            double[] comoving = new double[4];
            for (int nu = 0; nu < 4; nu++) {
                comoving[nu] = Kinematics.comovingDerivative(u[0], u[1], u[2], u[3], du[0][nu], du[1][nu], du[2][nu], du[3][nu]);
            }
            double[][] nabla = new double[4][4];
            for (int mu = 0; mu < 4; mu++) {
                for (int nu = 0; nu < 4; nu++) {
                    nabla[mu][nu] = Kinematics.projectedGradient(G[mu], du[mu][nu], u[mu], comoving[nu]);
                }
            }
            double third = theta * Kinematics.THIRD;
            double[][] sigma = new double[4][4];
            double[][] omega = new double[4][4];
            for (int mu = 0; mu < 4; mu++) {
                sigma[mu][mu] = Kinematics.shearDiagonal(nabla[mu][mu], G[mu], u[mu], third);
                for (int nu = mu + 1; nu < 4; nu++) {
                    sigma[mu][nu] = sigma[nu][mu] = Kinematics.shearOffDiagonal(nabla[mu][nu], nabla[nu][mu], u[mu], u[nu], third);
                    omega[mu][nu] = Kinematics.vorticity(nabla[mu][nu], nabla[nu][mu]);
                    omega[nu][mu] = -omega[mu][nu];
                }
            }
            double trace = 0;
            for (int mu = 0; mu < 4; mu++) {
                trace += G[mu] * sigma[mu][mu];
                double sigmaU = 0;
                double omegaU = 0;
                for (int nu = 0; nu < 4; nu++) {
                    sigmaU += sigma[mu][nu] * G[nu] * u[nu];
                    omegaU += omega[mu][nu] * G[nu] * u[nu];
                }
                assertEquals(0.0, sigmaU, 1e-12, "sigma^{mu nu} u_nu");
                assertEquals(0.0, omegaU, 1e-12, "omega^{mu nu} u_nu");
            }
            assertEquals(0.0, trace, 1e-12, "sigma^mu_mu");
            // the spatial expansion θ = ∂_tγ + ∂_k u^k, eq. 4.5
            assertEquals(du[0][0] + du[1][1] + du[2][2] + du[3][3], theta, 0.0);
        }
    }

    @Test
    void dependentComponentsMakePiTransverseAndTraceless() {
        Random random = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            double[] v = {0.6 * (random.nextDouble() - 0.5), 0.6 * (random.nextDouble() - 0.5), 0.6 * (random.nextDouble() - 0.5)};
            double xx = random.nextGaussian();
            double yy = random.nextGaussian();
            double xy = random.nextGaussian();
            double xz = random.nextGaussian();
            double yz = random.nextGaussian();
            double[] d = new double[5];
            StressTensor.dependent(v[0], v[1], v[2], xx, yy, xy, xz, yz, d);
            double zz = d[0];
            double[][] pi = {
                {d[4], d[1], d[2], d[3]},
                {d[1], xx, xy, xz},
                {d[2], xy, yy, yz},
                {d[3], xz, yz, zz}};
            double[] u = fourVelocity(v);
            for (int mu = 0; mu < 4; mu++) {
                double piU = 0;
                for (int nu = 0; nu < 4; nu++) {
                    piU += pi[mu][nu] * G[nu] * u[nu];
                }
                assertEquals(0.0, piU, 1e-13, "pi^{mu nu} u_nu");
            }
            assertEquals(0.0, -pi[0][0] + xx + yy + zz, 1e-13, "pi^mu_mu");
        }
        double[] rest = new double[5];
        StressTensor.dependent(0.3, 0.1, 0.2, 0.0, 0.0, 0.0, 0.0, 0.0, rest);
        assertEquals(0.0, rest[0] + rest[1] + rest[2] + rest[3] + rest[4], 0.0);
        StressTensor.dependent(0.0, 0.0, 0.0, 0.2, -0.5, 0.1, 0.0, 0.0, rest);
        assertEquals(0.3, rest[0], 1e-16, "pi^zz = -pi^xx - pi^yy at rest");
    }

    @Test
    void idealFluxIsThePerfectFluidStress() {
        // T^{ij} = (ε + P) γ² v^i v^j + P δ^{ij}, eq. 1.2 with Π = π = 0
        double e = 2.0;
        double p = 0.5;
        double[] v = {0.3, -0.2, 0.1};
        double[] u = fourVelocity(v);
        double gamma2 = u[0] * u[0];
        assertEquals((e + p) * gamma2 * v[0] * v[1], StressTensor.idealFlux(e + p, u[1], u[2]), 1e-15);
        assertEquals((e + p) * gamma2 * v[1] * v[1] + p, StressTensor.idealDiagonalFlux(e + p, u[2], p), 1e-15);
        assertEquals((e + p) * gamma2 * v[2], StressTensor.idealFlux(e + p, u[3], u[0]), 1e-15);
    }

    @Test
    void rotationTermIsTheCommutatorInTheRestFrameAndTransportTimesMatchSection3() {
        double[][] omega = {{0, 0, 0, 0}, {0, 0, 0.3, -0.1}, {0, -0.3, 0, 0.7}, {0, 0.1, -0.7, 0}};
        double[][] pi = {{0, 0, 0, 0}, {0, 0.2, 0.5, -0.4}, {0, 0.5, -0.6, 0.9}, {0, -0.4, 0.9, 0.4}};
        for (int i = 1; i < 4; i++) {
            for (int j = 1; j < 4; j++) {
                double commutator = 0;
                for (int a = 1; a < 4; a++) {
                    commutator += omega[i][a] * pi[a][j] - pi[i][a] * omega[a][j];
                }
                double c = Viscosity.rotation(
                        Kinematics.metricProduct(omega[i][0], omega[i][1], omega[i][2], omega[i][3], pi[0][j], pi[1][j], pi[2][j], pi[3][j]),
                        Kinematics.metricProduct(pi[i][0], pi[i][1], pi[i][2], pi[i][3], omega[0][j], omega[1][j], omega[2][j], omega[3][j]));
                assertEquals(commutator, c, 1e-15, "C^" + i + j);
            }
        }
        Transport t = Transport.etaOverS(0.08).zetaOverS(0.04);
        // τ_π = b_π η/(ε+P) (eq. 3.2, b_π = 5); τ_Π = ζ/(14.55 (1/3 − c_s²)² (ε+P)) (eq. 3.3a)
        assertEquals(5 * 0.3 / 1.5, t.shearRelaxationTime(0.3, 1.5), 1e-15);
        assertEquals(0.2 / (14.55 * Math.pow(1.0 / 3 - 0.2, 2) * 1.5), t.bulkRelaxationTime(0.2, 0.2, 1.5), 1e-12);
        // K = 1/(γτ), eq. 4.15: γ = 2, τ = 2
        assertEquals(0.25, Viscosity.relaxationRate(1.0 / 2.0, 2.0), 1e-15);
    }

    /**
     * The parts that the short loops of the kernel and the recovery evaluate one loop at a time compose to the whole
     * formula bit for bit, against the formulas written out here in physics.md's order (left to right): a part that
     * changed the order of the sum would change the fields' bits and fail here, not only in the recorded runs.
     */
    @Test
    void partsOfAFormulaComposeToItBitForBit() {
        Random r = new Random(17);
        for (int n = 0; n < 10_000; n++) {
            double[] a = new double[8];
            double[] b = new double[8];
            for (int k = 0; k < 8; k++) {
                a[k] = r.nextGaussian() * Math.pow(10, r.nextInt(7) - 3);
                b[k] = r.nextGaussian() * Math.pow(10, r.nextInt(7) - 3);
            }
            double vx = 0.5 * r.nextDouble();
            double vy = -0.4 * r.nextDouble();
            double vz = 0.3 * r.nextDouble();
            assertEquals((vx * vx - 1) * a[0] + (vy * vy - 1) * a[1] + 2 * vx * vy * a[2] + 2 * vx * vz * a[3]
                            + 2 * vy * vz * a[4],
                    StressTensor.zzNumeratorRest(vx, vy, vz, a[3], a[4], StressTensor.zzNumeratorHead(vx, vy, a[0], a[1], a[2])),
                    0.0);
            assertEquals(StressTensor.zzNumeratorRest(vx, vy, vz, a[3], a[4], StressTensor.zzNumeratorHead(vx, vy, a[0], a[1], a[2])),
                    StressTensor.zzNumerator(vx, vy, vz, a[0], a[1], a[2], a[3], a[4]), 0.0);
            assertEquals(-a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3],
                    Kinematics.metricProductRest(Kinematics.metricProductHead(a[0], a[1], b[0], b[1]), a[2], a[3], b[2], b[3]),
                    0.0);
            assertEquals(Kinematics.metricProductRest(Kinematics.metricProductHead(a[0], a[1], b[0], b[1]), a[2], a[3], b[2], b[3]),
                    Kinematics.metricProduct(a[0], a[1], a[2], a[3], b[0], b[1], b[2], b[3]), 0.0);
            assertEquals(a[4] * b[4] + a[5] * b[5] + a[6] * b[6] + a[7] * b[7],
                    Kinematics.comovingDerivativeRest(Kinematics.comovingDerivativeHead(a[4], a[5], b[4], b[5]),
                            a[6], a[7], b[6], b[7]), 0.0);
            assertEquals(Kinematics.comovingDerivativeRest(Kinematics.comovingDerivativeHead(a[4], a[5], b[4], b[5]),
                            a[6], a[7], b[6], b[7]),
                    Kinematics.comovingDerivative(a[4], a[5], a[6], a[7], b[4], b[5], b[6], b[7]), 0.0);
            assertEquals(a[0] * b[0] + a[1] * b[1] + a[2] * b[2],
                    Kinematics.dotRest(Kinematics.dotHead(a[0], a[1], b[0], b[1]), a[2], b[2]), 0.0);
            assertEquals(Kinematics.dotRest(Kinematics.dotHead(a[0], a[1], b[0], b[1]), a[2], b[2]),
                    Kinematics.dot(a[0], a[1], a[2], b[0], b[1], b[2]), 0.0);
            double gamma3 = 1 + r.nextDouble();
            assertEquals(gamma3 * (vx * a[0] + vy * a[1] + vz * a[2]),
                    Kinematics.lorentzFactorDerivative(gamma3, Kinematics.dot(vx, vy, vz, a[0], a[1], a[2])), 0.0);
            assertEquals(Kinematics.lorentzFactorDerivative(gamma3, Kinematics.dot(vx, vy, vz, a[0], a[1], a[2])),
                    Kinematics.lorentzFactorDerivative(gamma3, vx, vy, vz, a[0], a[1], a[2]), 0.0);
        }
    }
}
