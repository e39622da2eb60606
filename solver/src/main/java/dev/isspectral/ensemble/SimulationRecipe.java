package dev.isspectral.ensemble;

import dev.isspectral.fft.FftSettings;
import dev.isspectral.grid.Grid;
import dev.isspectral.physics.ConstantSoundSpeedEos;
import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Tuning;
import dev.isspectral.time.Integrators;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * A simulation's settings as plain serialisable data, so that an executor on another JVM (a Spark
 * worker) can build the same simulation: {@code SimulationRecipe.of(sim).build()} gives a simulation
 * that computes bit for bit what {@code sim} computes. Covers the constant-c_s² EOS, every transport
 * setting, the registered integrators, every tuning knob, the filters, and the initial data an
 * ensemble scans (sound wave, shear wave, random field, Taylor–Green vortex, static equilibrium);
 * {@link #of} names what it cannot carry (custom initial data, a custom EOS, step observers).
 */
public record SimulationRecipe(String grid, double lx, double ly, double lz,
                               double soundSpeedSquared, double stefanBoltzmann, boolean conformal,
                               double etaOverS, double zetaOverS, double bPi, double bBulk, String variant,
                               boolean phi7, boolean vorticity,
                               String initialKind, double[] initialNumbers, int[] initialIntegers, long initialSeed,
                               String integrator, double timeStep, double courant, double relaxationCourant,
                               boolean dealias, boolean exponentialFilter, double filterStrength, double filterOrder,
                               String tuningName, boolean preallocatedWorkspaces, boolean sharedForwardTransforms,
                               boolean fusedKernels, boolean tiledStages, boolean leanStiffPass,
                               int threads, String fftBackend, boolean fftBackendChosen, int fftThreads,
                               boolean realTransforms, String fftPrecision, boolean reusePlans,
                               long jtransformsThreadsBeginN, String fftRigour, boolean fftTeamSplit,
                               String savedFftTuning, boolean batchedTransforms) implements Serializable {

    /**
     * The recipe of {@code sim}; throws IllegalArgumentException naming the setting that cannot travel
     * (then run the ensemble on the local executor, which needs no recipe).
     */
    public static SimulationRecipe of(Simulation sim) {
        Grid g = sim.grid();
        if (!(sim.eos() instanceof ConstantSoundSpeedEos eos)) {
            throw new IllegalArgumentException("eos = " + sim.eos().describe()
                    + " cannot travel to a remote executor; only Eos.conformal() and Eos.constantSoundSpeed(...) can (use the local executor)");
        }
        if (!sim.observers().isEmpty()) {
            throw new IllegalArgumentException("observers = " + sim.observers().size()
                    + " step observers cannot travel to a remote executor; remove them or use the local executor");
        }
        Transport t = sim.transport();
        String kind;
        double[] numbers;
        int[] integers = new int[0];
        long seed = 0;
        Initial initial = sim.initial();
        if (initial instanceof Initial.SoundWave w) {
            kind = "sound";
            numbers = new double[] {w.background(), w.amplitude()};
            integers = w.mode();
        } else if (initial instanceof Initial.ShearWave w) {
            kind = "shear";
            numbers = new double[] {w.background(), w.amplitude()};
            int[] m = w.mode();
            // whether the user set the direction: a direction left at its default is picked from each member's mode
            integers = new int[] {m[0], m[1], m[2], w.direction(), w.directionChosen() ? 1 : 0};
        } else if (initial instanceof Initial.RandomField r) {
            kind = "random";
            numbers = new double[] {r.background(), r.densityRms(), r.velocityRms(), r.spectrumWidth()};
            seed = r.seed();
        } else if (initial instanceof Initial.TaylorGreen v) {
            kind = "taylor-green";
            numbers = new double[] {v.background(), v.velocity()};
        } else if (initial.describe().equals(Initial.staticEquilibrium().describe())) {
            kind = "static";
            numbers = new double[0];
        } else if (initial instanceof Initial.Uniform u) {
            kind = "uniform";
            double[] pi = u.shear();
            numbers = new double[] {u.energyDensity(), u.bulk(), pi[0], pi[1], pi[2], pi[3], pi[4]};
        } else {
            throw new IllegalArgumentException("initial = " + initial.describe()
                    + " cannot travel to a remote executor; only soundWave, shearWave, randomField, taylorGreen and staticEquilibrium (with its uniform Π0 and π0) can (use the local executor)");
        }
        Tuning tu = sim.tuning();
        FftSettings f = tu.fftSettings();
        return new SimulationRecipe(g.notation(), g.lx(), g.ly(), g.lz(),
                eos.constantSoundSpeedSquared(), eos.a(), eos.describe().startsWith("conformal"),
                t.etaOverS(), t.zetaOverS(), t.bPi(),
                t.bulkRelaxation() == Transport.BulkRelaxation.RATIO ? t.bBulk() : Double.NaN, t.variant().name(),
                t.phi7(), t.vorticity(),
                kind, numbers, integers, seed,
                sim.integrator().name(), sim.fixedTimeStep(), sim.courant(), sim.relaxationCourant(),
                sim.dealias(), sim.exponentialFilter(), sim.filterStrength(), sim.filterOrder(),
                tu.name(), tu.preallocatedWorkspaces(), tu.sharedForwardTransforms(), tu.fusedKernels(), tu.tiledStages(), tu.leanStiffPass(), tu.threads(),
                f.backend(), tu.fftBackendChosen(), f.threads(), f.realToComplex(), f.precision().name(), f.reusePlans(),
                f.jtransformsThreadsBeginN(), f.rigour().name(), f.teamSplit(),
                tu.savedFftTuning().map(Path::toString).orElse(null), tu.batchedTransforms());
    }

    /** The simulation this recipe describes. */
    public Simulation build() {
        Eos eos = conformal ? Eos.conformal(stefanBoltzmann) : Eos.constantSoundSpeed(soundSpeedSquared, stefanBoltzmann);
        Simulation.Builder b = Simulation.builder()
                .grid(Grid.parse(grid).withBox(lx, ly, lz))
                .transport(Transport.ideal())
                .eos(eos)
                .transport(transport(etaOverS, zetaOverS, bPi))
                .initial(initial())
                .integrator(Integrators.byName(integrator))
                .courant(courant)
                .relaxationCourant(relaxationCourant)
                .dealias(dealias)
                .tuning(tuning());
        if (!Double.isNaN(timeStep)) {
            b = b.timeStep(timeStep);
        }
        if (exponentialFilter) {
            b = b.exponentialFilter(filterStrength, filterOrder);
        }
        return b.build();
    }

    /** This recipe's transport settings with η/s, ζ/s and b_π replaced. */
    Transport transport(double eta, double zeta, double bpi) {
        Transport t = Transport.etaOverS(eta).zetaOverS(zeta).bPi(bpi);
        if (!Double.isNaN(bBulk)) {
            t = t.bulkRelaxationRatio(bBulk);
        }
        t = t.variant(Transport.Variant.valueOf(variant));
        if (t.variant() == Transport.Variant.DNMR) {
            t = t.phi7(phi7).vorticity(vorticity);
        }
        return t;
    }

    private Initial initial() {
        return switch (initialKind) {
            case "sound" -> Initial.soundWave().background(initialNumbers[0]).amplitude(initialNumbers[1])
                    .mode(initialIntegers[0], initialIntegers[1], initialIntegers[2]);
            case "shear" -> {
                Initial.ShearWave w = Initial.shearWave().background(initialNumbers[0]).amplitude(initialNumbers[1])
                        .mode(initialIntegers[0], initialIntegers[1], initialIntegers[2]);
                yield initialIntegers[4] == 1 ? w.direction(initialIntegers[3]) : w;
            }
            case "random" -> Initial.randomField().background(initialNumbers[0]).densityRms(initialNumbers[1])
                    .velocityRms(initialNumbers[2]).spectrumWidth(initialNumbers[3]).seed(initialSeed);
            case "taylor-green" -> Initial.taylorGreen().background(initialNumbers[0]).velocity(initialNumbers[1]);
            case "static" -> Initial.staticEquilibrium();
            case "uniform" -> Initial.staticEquilibrium().energyDensity(initialNumbers[0]).bulk(initialNumbers[1])
                    .shear(initialNumbers[2], initialNumbers[3], initialNumbers[4], initialNumbers[5], initialNumbers[6]);
            default -> throw new IllegalArgumentException("initialKind = " + initialKind + "; unknown");
        };
    }

    private Tuning tuning() {
        FftSettings f = FftSettings.optimized().withBackend(fftBackend).withRealTransforms(realTransforms)
                .withPrecision(FftSettings.Precision.valueOf(fftPrecision)).withReusePlans(reusePlans)
                .withJTransformsThreadsBeginN(jtransformsThreadsBeginN).withRigour(FftSettings.Rigour.valueOf(fftRigour))
                .withTeamSplit(fftTeamSplit);
        Tuning t = Tuning.optimized().withPreallocatedWorkspaces(preallocatedWorkspaces)
                .withSharedForwardTransforms(sharedForwardTransforms).withFusedKernels(fusedKernels).withTiledStages(tiledStages)
                .withLeanStiffPass(leanStiffPass)
                .withThreads(threads).withFftSettings(f.withThreads(fftThreads))
                .withBatchedTransforms(batchedTransforms).withFftBackendChosen(fftBackendChosen);
        if (savedFftTuning != null) {
            t = t.withSavedFftTuning(Path.of(savedFftTuning));
        }
        return t.named(tuningName);
    }
}
