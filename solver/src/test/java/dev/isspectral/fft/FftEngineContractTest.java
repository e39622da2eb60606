package dev.isspectral.fft;

/**
 * Runs {@link FftEngineContract} over every registered configuration (surefire picks up {@code *Test} classes;
 * the contract keeps the name the style guide gives it).
 */
class FftEngineContractTest extends FftEngineContract {
}
