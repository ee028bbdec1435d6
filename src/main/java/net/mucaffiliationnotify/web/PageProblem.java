package net.mucaffiliationnotify.web;

/** A request the pages refuse, with the HTTP status and the (localized, plain) text to show. Nothing was changed. */
final class PageProblem extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    PageProblem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** @return the HTTP status of the answer */
    int status() {
        return status;
    }
}
