package dev.isspectral.display.spi;

import java.util.Map;
import java.util.Set;

/**
 * Renders some kinds of objects as notebook output: a map from MIME type to text.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/dev.isspectral.display.spi.DisplayProvider} file in their jar),
 * on the class loader that notebook code runs in, so a provider in a jar added at run time
 * (by {@code %jars}, {@code %maven} or {@code IJAVA_CLASSPATH}) is seen too. A provider needs a
 * public no-argument constructor and must not keep per-call state: the kernel may call it from
 * any thread.
 *
 * <p>Text values are the payload as Jupyter expects it in a {@code display_data} bundle:
 * markup as is for {@code text/html} and {@code image/svg+xml}, base64 (no line breaks) for
 * binary types such as {@code image/png}.
 */
public interface DisplayProvider {

    /**
     * Whether this provider can render {@code value}.
     *
     * @param value a non-null object from notebook code
     * @return true if {@link #render} will give at least a {@code text/plain} entry for it
     */
    boolean supports(Object value);

    /**
     * Renders {@code value}.
     *
     * @param value          an object for which {@link #supports} returned true
     * @param requestedMimes the MIME types the notebook asked for; empty means "the provider's
     *                       preferred representations". A provider leaves out requested types it
     *                       cannot produce and never adds unrequested rich types.
     * @return MIME type to payload, in the order of preference; always includes
     *         {@link MimeTypes#TEXT_PLAIN} as a fallback
     */
    Map<String, String> render(Object value, Set<String> requestedMimes);

    /**
     * Order among providers that support the same object: the highest priority wins.
     *
     * @return the priority; 0 unless overridden
     */
    default int priority() {
        return 0;
    }
}
