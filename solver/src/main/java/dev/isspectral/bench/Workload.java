package dev.isspectral.bench;

import dev.isspectral.fft.FftEngines;
import dev.isspectral.fft.FftSettings;
import dev.isspectral.grid.Grid;
import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.InitialData;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Tuning;
import dev.isspectral.time.Integrators;
import java.util.Locale;

/**
 * The workload of the issue-4 targets: a sound wave (mode (1,0,0), A = 1e-3) plus a smooth random
 * perturbation (rms δε/ε0 = 1e-3, rms |v| = 1e-3, spectrum exp(−|k|²), seed 4) on a box of side 2π,
 * conformal EOS, η/s = 0.08, IMEX ARS(2,2,2), CFL 0.25, no filter; the optimized tuning with a chosen
 * FFT backend. The random part makes every velocity component and every π component non-zero, so
 * no transform works on zeros and the primitive recovery iterates as in a real run.
 */
public final class Workload {

    /** Backend names the harness accepts. */
    public static final String BEST = "best";

    private Workload() {
    }

    /** The initial condition: sound wave plus smooth random perturbation. */
    public static Initial initial() {
        return new SoundWavePlusNoise();
    }

    /** The simulation on {@code grid} with the optimized tuning on FFT backend {@code backend}. */
    public static Simulation simulation(Grid grid, String backend) {
        return simulation(grid, optimized(backend));
    }

    /** The simulation on {@code grid} with {@code tuning}. */
    public static Simulation simulation(Grid grid, Tuning tuning) {
        return Simulation.builder().grid(grid).box(2 * Math.PI).eos(Eos.conformal()).transport(Transport.etaOverS(0.08))
                .initial(initial()).integrator(Integrators.imexArs222()).tuning(tuning).build();
    }

    /** {@link Tuning#optimized()} on FFT backend {@code backend} ("jtransforms", "java" or "fftw"), no saved tuning file. */
    public static Tuning optimized(String backend) {
        return Tuning.optimized().withFftBackend(backend);
    }

    /**
     * The backend {@code requested} stands for: "best" is FFTW when its module is on the class path and its
     * native library loads, else JTransforms; "fftw" must load.
     *
     * @throws IllegalArgumentException for an unknown name, or "fftw" when it cannot load (with the reason)
     */
    public static String resolveBackend(String requested) {
        String r = requested == null ? "" : requested.toLowerCase(Locale.ROOT);
        switch (r) {
            case BEST:
                return FftEngines.unavailableReason(FftSettings.FFTW).isEmpty() ? FftSettings.FFTW : FftSettings.JAVA;
            case FftSettings.JTRANSFORMS, FftSettings.JAVA:
                return r;
            case FftSettings.FFTW:
                FftEngines.unavailableReason(r).ifPresent(reason -> {
                    throw new IllegalArgumentException("--backend = fftw; FFTW cannot be used here (" + reason
                            + "); put the is-spectral-fftw jar and its bytedeco jars on the class path (see bench.sh)");
                });
                return r;
            default:
                throw new IllegalArgumentException("--backend = \"" + requested + "\"; must be jtransforms, java, fftw or best");
        }
    }

    /** ε = ε_sound + δε_random, v = v_random; the random part from {@link Initial#randomField()}. */
    private static final class SoundWavePlusNoise implements Initial {
        private final Initial sound = Initial.soundWave().mode(1, 0, 0).amplitude(1e-3);
        private final Initial noise = Initial.randomField().densityRms(1e-3).velocityRms(1e-3).spectrumWidth(1.0).seed(4);

        @Override
        public void fill(InitialData out) {
            sound.fill(out);
            double[] soundEnergy = out.energyDensity.clone();
            noise.fill(out);                        // ε = 1 + δε_random, v = v_random
            for (int p = 0; p < soundEnergy.length; p++) {
                out.energyDensity[p] += soundEnergy[p] - 1.0;
            }
        }

        @Override
        public void validate(Grid grid) {
            sound.validate(grid);
            noise.validate(grid);
        }

        @Override
        public String describe() {
            return "sound wave (mode (1,0,0), A = 1e-3) + " + noise.describe();
        }
    }
}
