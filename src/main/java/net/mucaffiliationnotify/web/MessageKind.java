package net.mucaffiliationnotify.web;

/** The kinds of message box of Openfire's admin console ({@code <admin:infoBox type="…">}). */
enum MessageKind {
    SUCCESS("success"), WARNING("warning"), ERROR("error");

    private final String type;

    MessageKind(String type) {
        this.type = type;
    }

    /**
     * @return the infoBox type: the CSS class is {@code jive-} + it, the icon {@code /images/} + it +
     *     {@code -16x16.gif}, and it is the session attribute of Openfire's flash messages
     */
    String type() {
        return type;
    }
}
