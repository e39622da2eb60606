package dev.isspectral.kernel.runtime;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * The display functions every cell can call without a qualifier (they are statically imported),
 * with IJava's names and signatures, so a notebook written for IJava runs here unchanged.
 *
 * <p>Objects render through the display providers found on the notebook classpath (tables,
 * charts, the solver's results) and otherwise through the kernel's built-in renderers
 * ({@code text/plain} for anything, images, ...). Outside a running kernel every function throws
 * {@link IllegalStateException}.
 */
public final class Display {

    private static volatile DisplayHost host;

    private Display() {
    }

    /**
     * Connects the functions to a kernel; called by the kernel at start.
     *
     * @param kernel the kernel that renders and publishes, or null to disconnect
     */
    public static synchronized void attach(DisplayHost kernel) {
        host = kernel;
    }

    /**
     * Disconnects the functions from a kernel that is closing, unless another kernel has attached
     * since.
     *
     * @param kernel the closing kernel
     */
    public static synchronized void detach(DisplayHost kernel) {
        if (host == kernel) {
            host = null;
        }
    }

    private static DisplayHost host() {
        DisplayHost h = host;
        if (h == null) {
            throw new IllegalStateException("no notebook kernel is running in this JVM");
        }
        return h;
    }

    /**
     * Shows an object as its preferred types, below the cell.
     *
     * @param o the object
     * @return an id for {@link #updateDisplay(String, Object)}
     */
    public static String display(Object o) {
        return host().display(o, new String[0]);
    }

    /**
     * Shows an object as the requested MIME types (those it can be rendered as), plus text.
     *
     * @param o  the object
     * @param as MIME types, e.g. {@code "text/html"}, {@code "image/svg+xml"}
     * @return an id for {@link #updateDisplay(String, Object, String...)}
     */
    public static String display(Object o, String... as) {
        return host().display(o, as);
    }

    /**
     * Renders an object as its preferred types without showing it; the last expression of a
     * cell is rendered this way.
     *
     * @param o the object
     * @return the rendered bundle
     */
    public static DisplayData render(Object o) {
        return host().render(o, new String[0]);
    }

    /**
     * Renders an object as the requested MIME types without showing it.
     *
     * @param o  the object
     * @param as MIME types
     * @return the rendered bundle
     */
    public static DisplayData render(Object o, String... as) {
        return host().render(o, as);
    }

    /**
     * Replaces an earlier display with a new rendering of {@code o}.
     *
     * @param id the id returned by {@code display}
     * @param o  the new object
     */
    public static void updateDisplay(String id, Object o) {
        host().updateDisplay(id, o, new String[0]);
    }

    /**
     * Replaces an earlier display with a rendering of {@code o} as the requested types.
     *
     * @param id the id returned by {@code display}
     * @param o  the new object
     * @param as MIME types
     */
    public static void updateDisplay(String id, Object o, String... as) {
        host().updateDisplay(id, o, as);
    }
}
