package net.mucaffiliationnotify.live.server;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A form of an admin console page as a browser submits it: the values it would send without the user touching
 * anything (hidden fields, text fields, checked boxes and radios, selected options, text areas), which the
 * caller then changes as an admin would before pressing one of the form's buttons. Filling in the form the page
 * actually serves, instead of composing requests from a list of field names, keeps every field an Openfire
 * version adds or renames, and fails clearly when a field or button the suite relies on is not there.
 */
final class HtmlForm {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form\\s*>", FLAGS);
    private static final Pattern CONTROL = Pattern.compile(
        "<input\\b([^>]*)>"
            + "|<select\\b([^>]*)>(.*?)</select\\s*>"
            + "|<textarea\\b([^>]*)>(.*?)</textarea\\s*>"
            + "|<button\\b([^>]*)>(.*?)</button\\s*>", FLAGS);
    private static final Pattern OPTION = Pattern.compile("<option\\b([^>]*)>(.*?)(?=<option\\b|</option\\s*>|$)", FLAGS);
    private static final Pattern ATTRIBUTE = Pattern.compile(
        "([^\\s=/>\"']+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'=<>`]+)))?");

    /** One control of the form. */
    static final class Control {
        final String tag;
        final String type;
        final String name;
        final String value;
        final boolean checked;
        final boolean disabled;
        /** Of a select: its options' values, and which are selected. */
        final Map<String, Boolean> options;

        Control(String tag, String type, String name, String value, boolean checked, boolean disabled,
                Map<String, Boolean> options) {
            this.tag = tag;
            this.type = type;
            this.name = name;
            this.value = value;
            this.checked = checked;
            this.disabled = disabled;
            this.options = options;
        }

        boolean isSubmitButton() {
            return ("input".equals(tag) && ("submit".equals(type) || "image".equals(type)))
                || ("button".equals(tag) && "submit".equals(type));
        }

        @Override
        public String toString() {
            return tag + (type.isEmpty() ? "" : "[" + type + "]") + " " + name + "=" + value;
        }
    }

    private final URI page;
    private final Map<String, String> attributes;
    private final List<Control> controls;
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private HtmlForm(URI page, Map<String, String> attributes, List<Control> controls) {
        this.page = page;
        this.attributes = attributes;
        this.controls = controls;
        for (Control control : controls) {
            if (control.name == null || control.name.isEmpty() || control.disabled) {
                continue;
            }
            switch (control.tag) {
                case "input":
                    switch (control.type) {
                        case "checkbox":
                        case "radio":
                            if (control.checked) {
                                add(control.name, control.value == null ? "on" : control.value);
                            }
                            break;
                        case "submit":
                        case "image":
                        case "button":
                        case "reset":
                        case "file":
                            break;
                        default:
                            add(control.name, control.value == null ? "" : control.value);
                    }
                    break;
                case "select":
                    final List<String> selected = control.options.entrySet().stream().filter(Map.Entry::getValue)
                        .map(Map.Entry::getKey).collect(Collectors.toList());
                    if (!selected.isEmpty()) {
                        if ("multiple".equals(control.type)) {
                            selected.forEach(v -> add(control.name, v));
                        } else {
                            add(control.name, selected.get(selected.size() - 1));
                        }
                    } else if (!"multiple".equals(control.type) && !control.options.isEmpty()) {
                        add(control.name, control.options.keySet().iterator().next());
                    }
                    break;
                case "textarea":
                    add(control.name, control.value);
                    break;
                default:
                    // buttons are sent only when pressed
            }
        }
    }

    /**
     * @param html a page
     * @param page the page's address (for the forms' relative actions)
     * @return the page's forms, in page order
     */
    static List<HtmlForm> all(String html, URI page) {
        final List<HtmlForm> forms = new ArrayList<>();
        final Matcher form = FORM.matcher(stripScripts(html));
        while (form.find()) {
            final Map<String, String> attributes = attributes(form.group(1));
            final List<Control> controls = new ArrayList<>();
            final Matcher c = CONTROL.matcher(form.group(2));
            while (c.find()) {
                if (c.group(1) != null) {
                    final Map<String, String> a = attributes(c.group(1));
                    controls.add(new Control("input", a.getOrDefault("type", "text").toLowerCase(Locale.ROOT),
                        a.get("name"), a.get("value"), a.containsKey("checked"), a.containsKey("disabled"), null));
                } else if (c.group(2) != null) {
                    final Map<String, String> a = attributes(c.group(2));
                    final Map<String, Boolean> options = new LinkedHashMap<>();
                    final Matcher o = OPTION.matcher(c.group(3));
                    while (o.find()) {
                        final Map<String, String> oa = attributes(o.group(1));
                        final String value = oa.containsKey("value") ? oa.get("value") : HtmlText.text(o.group(2));
                        options.put(value, oa.containsKey("selected"));
                    }
                    controls.add(new Control("select", a.containsKey("multiple") ? "multiple" : "", a.get("name"),
                        null, false, a.containsKey("disabled"), options));
                } else if (c.group(4) != null) {
                    final Map<String, String> a = attributes(c.group(4));
                    String text = HtmlText.unescape(c.group(5));
                    if (text.startsWith("\r\n")) {
                        text = text.substring(2);
                    } else if (text.startsWith("\n")) {
                        text = text.substring(1);
                    }
                    controls.add(new Control("textarea", "", a.get("name"), text, false, a.containsKey("disabled"), null));
                } else {
                    final Map<String, String> a = attributes(c.group(6));
                    controls.add(new Control("button", a.getOrDefault("type", "submit").toLowerCase(Locale.ROOT),
                        a.get("name"), a.containsKey("value") ? a.get("value") : "", false, a.containsKey("disabled"), null));
                }
            }
            forms.add(new HtmlForm(page, attributes, Collections.unmodifiableList(controls)));
        }
        return forms;
    }

    /**
     * @param html a page
     * @param page its address
     * @param which the form wanted
     * @return the first form of the page that is {@code which}
     */
    static Optional<HtmlForm> find(String html, URI page, Predicate<HtmlForm> which) {
        return all(html, page).stream().filter(which).findFirst();
    }

    /** @return a test for the form with this id */
    static Predicate<HtmlForm> withId(String id) {
        return form -> id.equals(form.attribute("id"));
    }

    /** @return a test for a form that has a control of this name */
    static Predicate<HtmlForm> withControl(String name) {
        return form -> form.control(name).isPresent();
    }

    private static String stripScripts(String html) {
        return HtmlText.visible(html);
    }

    private static Map<String, String> attributes(String tagContent) {
        final Map<String, String> attributes = new LinkedHashMap<>();
        final Matcher a = ATTRIBUTE.matcher(tagContent);
        while (a.find()) {
            final String name = a.group(1).toLowerCase(Locale.ROOT);
            String value = a.group(2) != null ? a.group(2) : a.group(3) != null ? a.group(3) : a.group(4);
            if (!attributes.containsKey(name)) {
                attributes.put(name, value == null ? "" : HtmlText.unescape(value));
            }
        }
        return attributes;
    }

    /** @return the value of an attribute of the form element, or {@code null} */
    String attribute(String name) {
        return attributes.get(name);
    }

    /** @return the form's controls, in page order */
    List<Control> controls() {
        return controls;
    }

    /** @return the first control of that name */
    Optional<Control> control(String name) {
        return controls.stream().filter(c -> name.equals(c.name)).findFirst();
    }

    /** @return {@code GET} or {@code POST} */
    String method() {
        final String method = attributes.get("method");
        return method != null && method.equalsIgnoreCase("post") ? "POST" : "GET";
    }

    /** @return whether the form is sent as multipart/form-data */
    boolean multipart() {
        final String enctype = attributes.get("enctype");
        return enctype != null && enctype.equalsIgnoreCase("multipart/form-data");
    }

    /** @return the address the form is sent to (for a GET, without the query the form data replaces) */
    URI action() {
        final String action = attributes.get("action");
        return action == null || action.isEmpty() ? page : page.resolve(action.trim());
    }

    /** @return the values the form would send now, by name (a copy) */
    Map<String, List<String>> values() {
        final Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    /** @return the value the form would send for that name, or {@code null} */
    String value(String name) {
        final List<String> v = values.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /**
     * Fills in a field the form has, as an admin would: types into a text field, picks an option, checks the
     * radio button or box with that value.
     *
     * @return this
     * @throws IllegalStateException when the form has no such field, or no radio button or option with that value
     */
    HtmlForm set(String name, String value) {
        final List<Control> named = controls.stream().filter(c -> name.equals(c.name)).collect(Collectors.toList());
        if (named.isEmpty()) {
            throw new IllegalStateException("the form " + describe() + " has no field " + name + "; it has " + names());
        }
        final Control first = named.get(0);
        if ("input".equals(first.tag) && "radio".equals(first.type)) {
            if (named.stream().noneMatch(c -> value.equals(c.value))) {
                throw new IllegalStateException("the form " + describe() + " has no choice " + name + "=" + value
                    + "; choices: " + named.stream().map(c -> c.value).collect(Collectors.toList()));
            }
        } else if ("select".equals(first.tag) && !first.options.containsKey(value)) {
            throw new IllegalStateException("the form " + describe() + " offers no " + value + " for " + name
                + "; options: " + first.options.keySet());
        }
        values.put(name, new ArrayList<>(List.of(value)));
        return this;
    }

    /**
     * Sets a value whether or not the form has the field (for parameters a page's script would add).
     *
     * @return this
     */
    HtmlForm force(String name, String value) {
        values.put(name, new ArrayList<>(List.of(value)));
        return this;
    }

    /**
     * Presses one of the form's submit buttons: its name and value are sent with the form.
     *
     * @return this
     * @throws IllegalStateException when the form has no such button
     */
    HtmlForm press(String buttonName) {
        final Control button = controls.stream().filter(c -> buttonName.equals(c.name) && c.isSubmitButton())
            .findFirst().orElseThrow(() -> new IllegalStateException("the form " + describe()
                + " has no button " + buttonName + "; it has " + names()));
        add(button.name, button.value == null ? "" : button.value);
        return this;
    }

    private void add(String name, String value) {
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    /** @return the form's values as application/x-www-form-urlencoded */
    String urlEncoded() {
        final StringBuilder out = new StringBuilder();
        values.forEach((name, list) -> list.forEach(value -> {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }));
        return out.toString();
    }

    /** @return where a GET form goes: the action with its query replaced by the form's values */
    URI getUri() {
        final URI action = action();
        final String s = action.toString();
        final int q = s.indexOf('?');
        final int hash = s.indexOf('#');
        final String withoutQuery = q >= 0 ? s.substring(0, q) : hash >= 0 ? s.substring(0, hash) : s;
        return URI.create(withoutQuery + "?" + urlEncoded());
    }

    /** @return a short description for messages */
    String describe() {
        final String id = attributes.get("id");
        final String name = attributes.get("name");
        return (id != null ? "#" + id : name != null ? "'" + name + "'" : "") + " (" + method() + " "
            + attributes.getOrDefault("action", "") + ") of " + page;
    }

    private List<String> names() {
        return controls.stream().map(c -> c.name).filter(n -> n != null && !n.isEmpty()).distinct()
            .collect(Collectors.toList());
    }
}
