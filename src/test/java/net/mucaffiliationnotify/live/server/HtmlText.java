package net.mucaffiliationnotify.live.server;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the live suite reads from admin console pages: plain text, the title, and the messages the pages show
 * in their boxes. Regular expressions over Openfire's markup, not a full HTML parser: the admin console's pages
 * are well-formed enough for this, and every use is checked against a running Openfire.
 */
final class HtmlText {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern SCRIPT = Pattern.compile("<(script|style)\\b[^>]*>.*?</\\1\\s*>", FLAGS);
    private static final Pattern NOSCRIPT = Pattern.compile("<noscript\\b[^>]*>.*?</noscript\\s*>", FLAGS);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final Pattern TITLE = Pattern.compile("<title\\b[^>]*>(.*?)</title\\s*>", FLAGS);
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);");

    /**
     * Message boxes: {@code <admin:infoBox type="error">} ({@code <div class="jive-error">}), the plain
     * {@code <div class="error">} of the System Properties page and of Openfire's flash messages, and the
     * {@code jive-error-text} cells and spans next to form fields (and on the login page).
     */
    private static final Pattern ERROR_BOX = Pattern.compile(
        "<div\\b[^>]*\\bclass\\s*=\\s*[\"'](?:jive-error|error)[\"'][^>]*>(.*?)</div\\s*>", FLAGS);
    private static final Pattern ERROR_TEXT = Pattern.compile(
        "<(td|span|p|div)\\b[^>]*\\bclass\\s*=\\s*[\"'][^\"']*\\bjive-error-text\\b[^\"']*[\"'][^>]*>(.*?)</\\1\\s*>", FLAGS);
    private static final Pattern SUCCESS_BOX = Pattern.compile(
        "<div\\b[^>]*\\bclass\\s*=\\s*[\"'](?:jive-success|success)[\"'][^>]*>(.*?)</div\\s*>", FLAGS);

    private HtmlText() {
    }

    /**
     * @param html a page
     * @return the page without comments, scripts, style sheets and {@code <noscript>} parts (which a browser
     *     with scripts does not show)
     */
    static String visible(String html) {
        String out = COMMENT.matcher(html).replaceAll(" ");
        out = SCRIPT.matcher(out).replaceAll(" ");
        return NOSCRIPT.matcher(out).replaceAll(" ");
    }

    /**
     * @param html markup
     * @return its text: tags removed, entities decoded, white space collapsed
     */
    static String text(String html) {
        return SPACE.matcher(unescape(TAG.matcher(html).replaceAll(" "))).replaceAll(" ").trim();
    }

    /**
     * @param html a page
     * @return the text of the page's content area (Openfire's decorator puts it in {@code jive-main-content}, before
     *     {@code jive-footer}), or of the whole page when it has none
     */
    static String mainText(String html) {
        final String page = visible(html);
        int start = page.indexOf("id=\"jive-main-content\"");
        start = start < 0 ? 0 : page.indexOf('>', start) + 1;
        int end = page.indexOf("id=\"jive-footer\"", start);
        end = end < 0 ? page.length() : page.lastIndexOf('<', end);
        return text(page.substring(start, Math.max(start, end)));
    }

    /**
     * @param html a page
     * @return its title as text, or "" when it has none
     */
    static String title(String html) {
        final Matcher m = TITLE.matcher(html);
        return m.find() ? text(m.group(1)) : "";
    }

    /**
     * @param html a page
     * @return the texts of the page's error messages, in page order, each once (empty ones left out)
     */
    static List<String> errors(String html) {
        final String page = visible(html);
        final Set<String> texts = new LinkedHashSet<>();
        collect(ERROR_BOX.matcher(page), 1, texts);
        collect(ERROR_TEXT.matcher(page), 2, texts);
        return new ArrayList<>(texts);
    }

    /**
     * @param html a page
     * @return the texts of the page's success messages
     */
    static List<String> successes(String html) {
        final Set<String> texts = new LinkedHashSet<>();
        collect(SUCCESS_BOX.matcher(visible(html)), 1, texts);
        return new ArrayList<>(texts);
    }

    private static void collect(Matcher m, int group, Set<String> texts) {
        while (m.find()) {
            final String text = text(m.group(group));
            if (!text.isEmpty()) {
                texts.add(text);
            }
        }
    }

    /**
     * @param text text with character references ({@code &amp;}, {@code &#39;}, {@code &#x40;}, ...)
     * @return the text with the references the admin console writes decoded (unknown named ones kept)
     */
    static String unescape(String text) {
        if (text == null || text.indexOf('&') < 0) {
            return text;
        }
        final Matcher m = ENTITY.matcher(text);
        final StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            final String name = m.group(1);
            String replacement;
            if (name.startsWith("#")) {
                try {
                    final int codePoint = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                        ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                    replacement = new String(Character.toChars(codePoint));
                } catch (IllegalArgumentException e) {
                    replacement = m.group();
                }
            } else {
                switch (name) {
                    case "amp": replacement = "&"; break;
                    case "lt": replacement = "<"; break;
                    case "gt": replacement = ">"; break;
                    case "quot": replacement = "\""; break;
                    case "apos": replacement = "'"; break;
                    case "nbsp": replacement = "\u00a0"; break;
                    case "ndash": replacement = "\u2013"; break;
                    case "hellip": replacement = "\u2026"; break;
                    default: replacement = m.group(); break;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
