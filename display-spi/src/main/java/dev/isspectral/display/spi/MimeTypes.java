package dev.isspectral.display.spi;

/** The MIME types that IS-Spectral's providers and kernel exchange, as constants. */
public final class MimeTypes {
    /** Plain text, the fallback every rendering carries. */
    public static final String TEXT_PLAIN = "text/plain";
    /** An HTML fragment (no {@code <html>} element). */
    public static final String TEXT_HTML = "text/html";
    /** Markdown text. */
    public static final String TEXT_MARKDOWN = "text/markdown";
    /** A PNG image, base64 encoded. */
    public static final String IMAGE_PNG = "image/png";
    /** An SVG document, as XML text. */
    public static final String IMAGE_SVG = "image/svg+xml";

    private MimeTypes() {
    }
}
