package dev.isspectral.sim;

import dev.isspectral.fft.FftEngine;
import dev.isspectral.fft.JTransformsEngine;
import dev.isspectral.grid.Grid;

/** Maps a {@link Tuning}'s FFT knobs to an engine. */
final class FftEngineFactory {

    private FftEngineFactory() {
    }

    static FftEngine create(Tuning tuning, Grid grid) {
        return new JTransformsEngine(grid.nx(), grid.ny(), grid.nz());
    }
}
