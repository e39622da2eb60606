package io.github.spencerpark.ijava;

import io.github.spencerpark.jupyter.kernel.display.Renderer;

/**
 * Test stand-in for the stock IJava kernel's entry class: it exposes the running kernel the way
 * IJava does ({@code IJava.getKernelInstance().getRenderer()}), backed by a real basekernel
 * {@link Renderer}, so that {@code Notebook.init()} is tested against the real Renderer API.
 */
public final class IJava {
    /** The kernel object, as IJava's {@code JavaKernel} would be; null means "no kernel running". */
    public static volatile FakeKernel kernel;

    private IJava() {
    }

    /** @return the running kernel or null, as in IJava */
    public static FakeKernel getKernelInstance() {
        return kernel;
    }

    /** A kernel with a basekernel renderer. */
    public static final class FakeKernel {
        private final Renderer renderer = new Renderer();

        /** @return the renderer user code registers with */
        public Renderer getRenderer() {
            return renderer;
        }
    }
}
