package dev.isspectral.sim;

import dev.isspectral.fft.FftBackend;
import dev.isspectral.fft.FftEngine;
import dev.isspectral.fft.FftEngines;
import dev.isspectral.fft.FftSettings;
import dev.isspectral.fft.TuningFile;
import dev.isspectral.grid.Grid;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps a {@link Tuning}'s FFT knobs to an engine: the tuning's {@link FftSettings}, replaced by the saved
 * tuner winner for the grid if the tuning asks for it and the file has one; a backend not chosen (the optimized
 * default, {@code java}) becomes {@code jtransforms} where java cannot run; then resolved against the
 * backends that load here; the engine is {@code FftEngines.create(effective, nx, ny, nz)}.
 */
final class FftEngineFactory {

    /** The FFT configuration a solver will use, and how it came to be (saved tuning, fallback). */
    record Choice(FftSettings requested, FftSettings effective, List<String> notes) {

        /** One line for the settings tree, e.g. {@code jtransforms r2c double t2 (fftw unavailable …)}. */
        String describe() {
            return effective.label() + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")");
        }
    }

    private FftEngineFactory() {
    }

    static Choice choose(Tuning tuning, Grid grid) {
        FftSettings requested = tuning.fftSettings();
        FftSettings settings = requested;
        List<String> notes = new ArrayList<>();
        boolean chosen = tuning.fftBackendChosen();
        Optional<Path> saved = tuning.savedFftTuning();
        if (saved.isPresent()) {
            Path file = saved.get();
            TuningFile tuningFile = TuningFile.load(file);   // reports a corrupt or foreign file once, never throws
            Optional<FftSettings> winner = tuningFile.settingsFor(grid.nx(), grid.ny(), grid.nz());
            if (!tuningFile.problem().isEmpty()) {
                notes.add(tuningFile.problem());
            } else if (winner.isPresent()) {
                settings = winner.get();
                chosen = true;   // the tuner measured this backend on this grid
                notes.add("saved FFT tuning for " + grid.boxNotation() + " from " + file);
                if (!tuningFile.wisdom().isEmpty() && FftSettings.FFTW.equals(settings.backend())) {
                    Optional<FftBackend> fftw = FftEngines.backend(FftSettings.FFTW);
                    if (fftw.isPresent()) {
                        notes.add(fftw.get().importWisdom(tuningFile.wisdom())
                                ? "FFTW wisdom loaded" : "FFTW rejected the saved wisdom");
                    }
                }
            } else {
                notes.add("no saved FFT tuning for " + grid.boxNotation() + " in " + file + "; using the tuning's own");
            }
        }
        if (!chosen && FftSettings.JAVA.equals(settings.backend())
                && !FftEngines.javaApplies(settings, grid.nx(), grid.ny(), grid.nz())) {
            notes.add("the default java transforms need every box size a power of two, NZ >= 2 and real-to-complex"
                    + " double transforms; using jtransforms");
            settings = settings.withBackend(FftSettings.JTRANSFORMS);
        }
        Optional<String> unavailable = FftEngines.unavailableReason(settings.backend());
        if (unavailable.isPresent()) {
            notes.add(settings.backend() + " unavailable: " + unavailable.get() + "; using jtransforms");
        }
        FftSettings effective = FftEngines.resolve(settings);   // prints the fallback warning once
        boolean jtransforms = FftSettings.JTRANSFORMS.equals(effective.backend());
        if (effective.precision() == FftSettings.Precision.FLOAT && effective.realToComplex() && jtransforms) {
            notes.add("float32 runs on JTransforms' complex path");
        }
        long begin = FftEngines.oneThreadBelow(effective);
        if (effective.threads() > 1 && grid.size() < begin) {
            notes.add("transforms on 1 thread: " + grid.size() + " points < threads threshold " + begin);
        }
        return new Choice(requested, effective, List.copyOf(notes));
    }

    static FftEngine create(Choice choice, Grid grid) {
        return FftEngines.create(choice.effective(), grid.nx(), grid.ny(), grid.nz());
    }

    static FftEngine create(Tuning tuning, Grid grid) {
        return create(choose(tuning, grid), grid);
    }
}
