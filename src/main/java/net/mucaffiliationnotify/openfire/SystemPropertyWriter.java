package net.mucaffiliationnotify.openfire;

import org.jivesoftware.util.JiveProperties;
import org.jivesoftware.util.SystemProperty;

/**
 * Stores the value of an Openfire system property in a way that links on every supported Openfire.
 *
 * <p>{@code SystemProperty.setValue} and {@code JiveGlobals.setProperty} return {@code void} up to 5.1 and
 * the previous value since 5.2 (OF-3313): a call compiled against one fails with NoSuchMethodError on the
 * other. {@code JiveProperties.put(String, String, boolean)}, which both end in, has kept its descriptor:
 * it stores the value in the database, tells the property's listeners and every other cluster node, as
 * {@code setValue} does. OpenfireApiCompatibilityTest keeps the plugin off the changed members.
 */
final class SystemPropertyWriter {
    private SystemPropertyWriter() {
    }

    /**
     * @param property a registered property of type Boolean, Integer or String (stored as their toString)
     * @param value the new value, not null
     * @param <T> the property's type
     */
    static <T> void write(SystemProperty<T> property, T value) {
        JiveProperties.getInstance().put(property.getKey(), value.toString(), property.isEncrypted());
    }
}
