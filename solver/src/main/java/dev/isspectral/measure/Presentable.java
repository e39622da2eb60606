package dev.isspectral.measure;

/**
 * A measurement result that renders itself in a notebook. It has the methods of
 * {@code dev.isspectral.display.Displayable}, which this low layer cannot import; the notebook display
 * provider renders a {@code Presentable} the same way.
 */
public interface Presentable {

    /** The result as an HTML fragment (no {@code <html>} element). */
    String toHtml();

    /** The result as plain text. */
    default String toText() {
        return toString();
    }

    /** Escapes {@code &, <, >, "} for HTML text and attributes. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
