package dev.isspectral.display;

/**
 * A user-facing object that renders itself in a notebook as a short summary (a simulation's
 * settings, a run, a profile).
 *
 * <p>The notebook shows {@link #toHtml()} where HTML is possible and {@link #toText()}
 * elsewhere. Both should be cheap: they are called each time the object is displayed.
 */
public interface Displayable {

    /**
     * The summary as an HTML fragment (no {@code <html>} or {@code <body>} element); text taken
     * from user input must be escaped, e.g. with {@link Html#escape(String)}.
     *
     * @return the HTML summary
     */
    String toHtml();

    /**
     * The summary as plain text, for consoles and exports without HTML.
     *
     * @return the text summary; {@link Object#toString()} unless overridden
     */
    default String toText() {
        return toString();
    }
}
