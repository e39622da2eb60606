package dev.isspectral.kernel.runtime;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/** What {@link Display} needs from the kernel; implemented by the kernel. */
public interface DisplayHost {

    /**
     * Renders and publishes.
     *
     * @param o  the object
     * @param as requested MIME types, empty for the preferred ones
     * @return the display id
     */
    String display(Object o, String[] as);

    /**
     * Renders without publishing.
     *
     * @param o  the object
     * @param as requested MIME types, empty for the preferred ones
     * @return the bundle
     */
    DisplayData render(Object o, String[] as);

    /**
     * Renders and replaces the display with the given id.
     *
     * @param id the display id
     * @param o  the object
     * @param as requested MIME types, empty for the preferred ones
     */
    void updateDisplay(String id, Object o, String[] as);
}
