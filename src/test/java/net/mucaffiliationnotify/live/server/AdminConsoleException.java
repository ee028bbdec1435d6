package net.mucaffiliationnotify.live.server;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * The admin console did not do what was asked: it refused (a page with error messages, a CSRF failure, a
 * redirect elsewhere), answered with an unexpected status, or the page lacked what the suite looks for. The
 * message carries the page's own error texts.
 */
public class AdminConsoleException extends IOException {
    private static final long serialVersionUID = 1L;

    private final URI uri;
    private final int status;
    private final List<String> pageErrors;

    /**
     * @param message what was attempted and what happened
     * @param uri the page that answered
     * @param status its HTTP status (0 when not known)
     * @param pageErrors the error texts the page showed (may be empty)
     */
    public AdminConsoleException(String message, URI uri, int status, List<String> pageErrors) {
        super(compose(message, uri, status, pageErrors));
        this.uri = uri;
        this.status = status;
        this.pageErrors = pageErrors == null ? List.of() : List.copyOf(pageErrors);
    }

    private static String compose(String message, URI uri, int status, List<String> pageErrors) {
        final StringBuilder out = new StringBuilder(message);
        if (uri != null) {
            out.append(" [").append(status > 0 ? "HTTP " + status + " " : "").append(uri).append(']');
        }
        if (pageErrors != null && !pageErrors.isEmpty()) {
            out.append(": the page says: ").append(String.join(" | ", pageErrors));
        }
        return out.toString();
    }

    /** @return the page that answered, or {@code null} */
    public URI uri() {
        return uri;
    }

    /** @return its HTTP status, 0 when not known */
    public int status() {
        return status;
    }

    /** @return the error texts the page showed */
    public List<String> pageErrors() {
        return pageErrors;
    }
}
