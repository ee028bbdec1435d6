package net.mucaffiliationnotify.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Escaping for the pages: every value that is not a constant of ours goes through here. */
final class Html {
    private Html() {
    }

    /**
     * @param text any text (may be {@code null})
     * @return the text with {@code & < > " '} escaped, for element content and quoted attribute values
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        final StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            switch (c) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * @param value a query parameter value
     * @return it URL-encoded as UTF-8 (only {@code A-Z a-z 0-9 . - * _ + %} remain, safe in HTML attributes)
     */
    static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
