package net.mucaffiliationnotify.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletOutputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;

/**
 * A rough stand-in for Openfire's sitemesh decorator, for the browser test and its screenshot: takes the
 * page's title, head and body apart as sitemesh does, and frames them like decorators/main.jsp (the title
 * as heading, the body in the content area) with a little CSS in the spirit of Openfire's global.css.
 * Redirects and error responses pass untouched, as with sitemesh.
 */
final class DecoratorEmulationFilter implements Filter {
    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL);
    private static final Pattern HEAD = Pattern.compile("</title>(.*?)</head>", Pattern.DOTALL);
    private static final Pattern BODY = Pattern.compile("<body>(.*)</body>", Pattern.DOTALL);

    private static final String CSS = String.join("\n",
        "body{font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#333;margin:0;background:#fff}",
        "#jive-header{background:#2d3e50;color:#fff;padding:14px 20px;font-size:18px;font-weight:bold}",
        "#jive-header span{font-weight:normal;font-size:12px;margin-left:12px;color:#cfd8e3}",
        "#jive-nav{background:#e9eef3;padding:6px 20px;border-bottom:1px solid #c9d3dd}",
        "#jive-nav a{margin-right:18px;color:#2d3e50;text-decoration:none}",
        "#jive-nav a.currentlink{font-weight:bold}",
        "#layout{display:flex}",
        "#jive-sidebar{width:210px;padding:16px 12px;background:#f5f7f9;border-right:1px solid #dde3e8;min-height:500px}",
        "#jive-sidebar li{list-style:none;padding:3px 0}#jive-sidebar ul{padding-left:10px;margin:0}",
        "#jive-sidebar .category{font-weight:bold;color:#555;margin-top:10px}",
        "#jive-sidebar .currentlink a{font-weight:bold;color:#000}",
        "#jive-content{padding:12px 24px;flex:1}",
        "h1{font-size:20px;color:#2d3e50;border-bottom:1px solid #dde3e8;padding-bottom:6px}",
        ".jive-table table{border-collapse:collapse;width:100%}",
        ".jive-table th{background:#eaeff3;text-align:left;padding:6px;border:1px solid #ccd5dc}",
        ".jive-table td{padding:6px;border:1px solid #dde3e8}",
        ".jive-contentBoxHeader{background:#eaeff3;border:1px solid #ccd5dc;border-bottom:none;padding:6px 10px;font-weight:bold}",
        ".jive-contentBox{border:1px solid #ccd5dc;padding:10px;margin-bottom:10px}",
        ".jive-success,.jive-error,.jive-warning{padding:4px 8px;border:1px solid}",
        ".jive-success{background:#e9f7e7;border-color:#8fc586}",
        ".jive-error{background:#fbe9e9;border-color:#d98c8c}",
        ".jive-warning{background:#fff7df;border-color:#e0c060}",
        ".jive-icon img{display:none}",
        "input[type=submit],button{padding:3px 12px}");

    @Override
    public void init(FilterConfig filterConfig) {
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
        throws IOException, ServletException {
        final HttpServletResponse response = (HttpServletResponse) res;
        final Buffering buffering = new Buffering(response);
        chain.doFilter(req, buffering);
        if (buffering.passedThrough) {
            return;
        }
        final String page = buffering.buffer.toString();
        final String contentType = response.getContentType();
        if (contentType == null || !contentType.startsWith("text/html")) {
            response.getWriter().write(page);
            return;
        }
        final String title = group(TITLE, page);
        final String head = group(HEAD, page);
        final String body = group(BODY, page);
        response.getWriter().write("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"UTF-8\">\n<title>Openfire Admin Console: "
            + title + "</title>\n<style>\n" + CSS + "\n</style>\n" + head + "</head>\n<body id=\"jive-body\">\n"
            + "<div id=\"jive-header\">Openfire<span>admin console (test decoration)</span></div>\n"
            + "<div id=\"jive-nav\"><a href=\"#\">Server</a><a href=\"#\">Users/Groups</a><a href=\"#\">Sessions</a>"
            + "<a class=\"currentlink\" href=\"#\">Group Chat</a><a href=\"#\">Plugins</a></div>\n"
            + "<div id=\"layout\"><div id=\"jive-sidebar\">" + sidebar(head) + "</div>\n"
            + "<div id=\"jive-content\"><h1>" + title + "</h1>\n<div id=\"jive-main-content\">\n" + body
            + "</div></div></div>\n</body>\n</html>\n");
    }

    /** The Group Chat tab's sidebar as Openfire would show it for the page's pageID / subPageID. */
    private static String sidebar(String head) {
        final boolean roomPage = head.contains("name=\"subPageID\" content=\"mucaffiliationnotify-room\"");
        final boolean overview = head.contains("name=\"pageID\" content=\"mucaffiliationnotify-service\"");
        final StringBuilder out = new StringBuilder("<ul><li class=\"category\">Room Administration</li>")
            .append("<li><a href=\"#\">Room Summary</a></li>");
        if (roomPage) {
            out.append("<li><ul><li class=\"category\">Room Options</li><li><a href=\"#\">Room Settings</a></li>")
                .append("<li><a href=\"#\">Room Occupants</a></li><li><a href=\"#\">User Permissions</a></li>")
                .append("<li><a href=\"#\">Federation</a></li><li><a href=\"#\">Clear Chat History</a></li>")
                .append("<li><a href=\"#\">Delete Room</a></li>")
                .append("<li class=\"currentlink\"><a href=\"#\">Affiliation Notifications</a></li></ul></li>");
        }
        out.append("<li><a href=\"#\">Create New Room</a></li>")
            .append("<li class=\"category\">Group Chat Settings</li><li><a href=\"#\">Service Summary</a></li>")
            .append("<li><a href=\"#\">Create New Service</a></li>")
            .append("<li").append(overview ? " class=\"currentlink\"" : "")
            .append("><a href=\"#\">Affiliation Notifications</a></li></ul>");
        return out.toString();
    }

    private static String group(Pattern pattern, String page) {
        final Matcher matcher = pattern.matcher(page);
        return matcher.find() ? matcher.group(1) : "";
    }

    @Override
    public void destroy() {
    }

    private static final class Buffering extends HttpServletResponseWrapper {
        final StringWriter buffer = new StringWriter();
        private final PrintWriter writer = new PrintWriter(buffer);
        boolean passedThrough;

        Buffering(HttpServletResponse response) {
            super(response);
        }

        @Override
        public PrintWriter getWriter() {
            return writer;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            passedThrough = true;
            return super.getOutputStream();
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            passedThrough = true;
            super.sendRedirect(location);
        }

        @Override
        public void sendError(int sc) throws IOException {
            passedThrough = true;
            super.sendError(sc);
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            passedThrough = true;
            super.sendError(sc, msg);
        }

        @Override
        public void setContentLength(int len) {
        }

        @Override
        public void setContentLengthLong(long len) {
        }
    }
}
