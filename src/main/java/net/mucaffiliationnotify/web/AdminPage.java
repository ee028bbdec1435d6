package net.mucaffiliationnotify.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An admin console page as Openfire's sitemesh decorator ({@code decorators/main.jsp}) expects it: the
 * {@code <title>} becomes the page heading, {@code <meta name="pageID">} or {@code subPageID} selects the
 * tab and sidebar entry, {@code extraParams} is appended to the sidebar links, and the body is placed in
 * the content area. Markup and CSS classes are those of the core pages ({@code jive-table},
 * {@code jive-contentBoxHeader}/{@code jive-contentBox}, {@code jive-success}/{@code jive-error} boxes).
 */
final class AdminPage {
    private final String contextPath;
    private final String title;
    private final Map<String, String> metas = new LinkedHashMap<>();
    private final StringBuilder body = new StringBuilder(8192);

    /**
     * @param contextPath the admin console's context path (for Openfire's images)
     * @param title the page title, plain text
     */
    AdminPage(String contextPath, String title) {
        this.contextPath = contextPath == null ? "" : contextPath;
        this.title = title;
    }

    /** @return the admin console's context path */
    String contextPath() {
        return contextPath;
    }

    /**
     * @param name a meta name ({@code pageID}, {@code subPageID}, {@code extraParams})
     * @param content its value, plain text
     * @return this
     */
    AdminPage meta(String name, String content) {
        metas.put(name, content);
        return this;
    }

    /**
     * @param markup markup made of constants and escaped values
     * @return this
     */
    AdminPage html(String markup) {
        body.append(markup);
        return this;
    }

    /**
     * @param text plain text, escaped here
     * @return this
     */
    AdminPage text(String text) {
        body.append(Html.escape(text));
        return this;
    }

    /**
     * A message box as {@code <admin:infoBox type="…">} renders it.
     *
     * @param kind success, warning or error
     * @param text plain text, escaped here
     * @return this
     */
    AdminPage box(MessageKind kind, String text) {
        body.append("<div class=\"jive-").append(kind.type()).append("\">\n<table><tbody><tr>")
            .append("<td class=\"jive-icon\"><img src=\"").append(Html.escape(contextPath)).append("/images/")
            .append(kind.type()).append("-16x16.gif\" alt=\"\"></td>")
            .append("<td class=\"jive-icon-label\">").append(Html.escape(text)).append("</td>")
            .append("</tr></tbody></table>\n</div>\n<br>\n");
        return this;
    }

    /**
     * One row of a settings form's choice: a radio button and its label, "<b>label</b> – description".
     *
     * @param name the form parameter
     * @param value the value this row sends
     * @param id the radio button's id
     * @param checked whether it is the current choice
     * @param label plain text
     * @param description plain text
     * @return this
     */
    AdminPage radioRow(String name, String value, String id, boolean checked, String label, String description) {
        return html("<tr>\n<td style=\"width: 1%; white-space: nowrap\"><input type=\"radio\" name=\"").html(name)
            .html("\" value=\"").html(value).html("\" id=\"").html(id).html("\"")
            .html(checked ? " checked" : "").html("></td>\n<td><label for=\"").html(id).html("\"><b>")
            .text(label).html("</b> &ndash; ").text(description).html("</label></td>\n</tr>\n");
    }

    /**
     * @param flashes messages to show, each in its box
     * @return this
     */
    AdminPage boxes(List<Flash> flashes) {
        for (Flash flash : flashes) {
            box(flash.kind(), flash.text());
        }
        return this;
    }

    /**
     * Opens a titled box as {@code <admin:contentBox title="…">} renders it; close it with {@link #endContentBox()}.
     *
     * @param heading plain text
     * @param id the id of the content box, or {@code null}
     * @return this
     */
    AdminPage contentBox(String heading, String id) {
        body.append("<div class=\"jive-contentBoxHeader\">").append(Html.escape(heading)).append("</div>\n")
            .append("<div class=\"jive-contentBox\"");
        if (id != null) {
            body.append(" id=\"").append(Html.escape(id)).append('"');
        }
        body.append(">\n");
        return this;
    }

    /** @return this, after closing the content box */
    AdminPage endContentBox() {
        body.append("</div>\n");
        return this;
    }

    /** @return the complete page */
    String render() {
        final StringBuilder out = new StringBuilder(body.length() + 512);
        // Like the core pages: no doctype or charset here, the decorator writes them (the head is copied into its own).
        out.append("<html>\n<head>\n<title>")
            .append(Html.escape(title)).append("</title>\n");
        for (Map.Entry<String, String> meta : metas.entrySet()) {
            out.append("<meta name=\"").append(Html.escape(meta.getKey())).append("\" content=\"")
                .append(Html.escape(meta.getValue())).append("\">\n");
        }
        out.append("</head>\n<body>\n").append(body).append("</body>\n</html>\n");
        return out.toString();
    }
}
