package net.mucaffiliationnotify.settings;

/** The settings could not be read or written (database failure). Nothing was changed. */
public class SettingsStoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public SettingsStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
