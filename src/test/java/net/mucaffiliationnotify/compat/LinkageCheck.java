package net.mucaffiliationnotify.compat;

import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import net.mucaffiliationnotify.compat.ApiSurface.ApiClass;
import net.mucaffiliationnotify.compat.PluginClasses.MemberRef;
import net.mucaffiliationnotify.compat.PluginClasses.PluginClass;
import net.mucaffiliationnotify.compat.PluginClasses.TypeRef;

/**
 * Links the plugin's class files against one release's recorded API as the JVM would, and lists what
 * would fail: a missing Openfire or Tinder class, a method or field missing with that exact descriptor
 * (NoSuchMethodError, NoSuchFieldError), a static/instance or class/interface mismatch
 * (IncompatibleClassChangeError), an abstract method of an Openfire type that a plugin class does not
 * implement (AbstractMethodError), a final Openfire class or method the plugin extends (VerifyError).
 *
 * <p>Members are resolved through the plugin's own classes, the release's classes and, for JDK
 * supertypes, the running JDK. Classes of other libraries (dom4j, SLF4J, servlets) are not judged.
 */
final class LinkageCheck {
    private final PluginClasses plugin;
    private final ApiSurface api;

    private LinkageCheck(PluginClasses plugin, ApiSurface api) {
        this.plugin = plugin;
        this.api = api;
    }

    /**
     * @param plugin the plugin's classes
     * @param api one release's API
     * @return what would fail to link on that release, one line each, empty when nothing would
     */
    static List<String> problems(PluginClasses plugin, ApiSurface api) {
        return new LinkageCheck(plugin, api).run();
    }

    private List<String> run() {
        final Set<String> problems = new LinkedHashSet<>();
        for (final TypeRef ref : plugin.types) {
            if (ApiSurface.covers(ref.name()) && api.type(ref.name()).isEmpty() && !plugin.classes.containsKey(ref.name())) {
                problems.add(ref.site() + ": uses class " + ref.name().replace('/', '.') + ", absent");
            }
        }
        for (final MemberRef ref : plugin.members) {
            if (ApiSurface.covers(ref.owner()) || plugin.classes.containsKey(ref.owner())) {
                member(ref).ifPresent(p -> problems.add(ref.site() + ": " + p));
            }
        }
        for (final PluginClass c : plugin.classes.values()) {
            problems.addAll(overriding(c));
        }
        return new ArrayList<>(problems);
    }

    /** What resolution found: a declaration's access flags, or nothing, or a class it cannot judge. */
    private enum Outcome { FOUND, MISSING, UNJUDGED }

    private record Resolution(Outcome outcome, int access, boolean inApi) {
        static final Resolution MISSING = new Resolution(Outcome.MISSING, 0, false);
        static final Resolution UNJUDGED = new Resolution(Outcome.UNJUDGED, 0, false);
    }

    private Optional<String> member(MemberRef ref) {
        final String owner = ref.owner();
        if (owner.startsWith("[")) {
            return Optional.empty(); // array clone(): the JDK's
        }
        final Optional<ApiClass> apiOwner = api.type(owner);
        if (ApiSurface.covers(owner) && apiOwner.isEmpty() && !plugin.classes.containsKey(owner)) {
            return Optional.empty(); // reported once as a missing class
        }
        final String what = ref.method() ? "method" : "field";
        final Resolution found = ref.method() ? resolveMethod(owner, ref.name(), ref.descriptor())
            : resolveField(owner, ref.name(), ref.descriptor());
        if (found.outcome() == Outcome.MISSING) {
            return Optional.of("uses " + what + " " + ref.display() + ", absent with this descriptor");
        }
        if (found.outcome() == Outcome.UNJUDGED || !found.inApi()) {
            return Optional.empty();
        }
        if (((found.access() & Opcodes.ACC_STATIC) != 0) != ref.isStatic()) {
            return Optional.of("uses " + what + " " + ref.display() + " as " + (ref.isStatic() ? "static" : "instance")
                + ", but it is " + (ref.isStatic() ? "an instance" : "a static") + " " + what);
        }
        if (ref.method() && apiOwner.isPresent() && !ref.name().equals("<init>")
            && apiOwner.get().isInterface() != ref.onInterface()) {
            return Optional.of("calls " + ref.display() + " as a " + (ref.onInterface() ? "interface" : "class")
                + " method, but " + owner.replace('/', '.') + " is " + (apiOwner.get().isInterface() ? "an interface" : "a class"));
        }
        return Optional.empty();
    }

    /** JVMS 5.4.3.3/5.4.3.4: the class and its superclasses, then its superinterfaces. */
    private Resolution resolveMethod(String owner, String name, String descriptor) {
        if (name.equals("<init>") || name.equals("<clinit>")) {
            return declared(owner, name + descriptor, true);
        }
        boolean unjudged = false;
        for (String c = owner; c != null; c = superName(c)) {
            final Resolution r = declared(c, name + descriptor, true);
            if (r.outcome() == Outcome.FOUND) {
                return r;
            }
            unjudged |= r.outcome() == Outcome.UNJUDGED;
            if (r.outcome() == Outcome.UNJUDGED) {
                break;
            }
        }
        for (final String i : superInterfaces(owner)) {
            final Resolution r = declared(i, name + descriptor, true);
            if (r.outcome() == Outcome.FOUND) {
                return r;
            }
            unjudged |= r.outcome() == Outcome.UNJUDGED;
        }
        return unjudged ? Resolution.UNJUDGED : Resolution.MISSING;
    }

    /** JVMS 5.4.3.2: the class, its superinterfaces, then its superclass, recursively. */
    private Resolution resolveField(String owner, String name, String descriptor) {
        final Deque<String> pending = new ArrayDeque<>(List.of(owner));
        final Set<String> seen = new HashSet<>();
        boolean unjudged = false;
        while (!pending.isEmpty()) {
            final String c = pending.pollFirst();
            if (!seen.add(c)) {
                continue;
            }
            final Resolution r = declared(c, name + " " + descriptor, false);
            if (r.outcome() == Outcome.FOUND) {
                return r;
            }
            if (r.outcome() == Outcome.UNJUDGED) {
                unjudged = true;
                continue;
            }
            pending.addAll(interfaces(c));
            final String s = superName(c);
            if (s != null) {
                pending.addLast(s);
            }
        }
        return unjudged ? Resolution.UNJUDGED : Resolution.MISSING;
    }

    private Resolution declared(String c, String key, boolean method) {
        final PluginClass own = plugin.classes.get(c);
        if (own != null) {
            final Integer access = (method ? own.methods() : own.fields()).get(key);
            return access == null ? Resolution.MISSING : new Resolution(Outcome.FOUND, access, false);
        }
        final Optional<ApiClass> of = api.type(c);
        if (of.isPresent()) {
            final Integer access = (method ? of.get().methods() : of.get().fields()).get(key);
            return access == null ? Resolution.MISSING : new Resolution(Outcome.FOUND, access, true);
        }
        if (ApiSurface.covers(c)) {
            return Resolution.MISSING;
        }
        return jdk(c).map(type -> jdkDeclared(type, key, method)).orElse(Resolution.UNJUDGED);
    }

    private static Optional<Class<?>> jdk(String c) {
        if (!c.startsWith("java/")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Class.forName(c.replace('/', '.'), false, ClassLoader.getPlatformClassLoader()));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    private static Resolution jdkDeclared(Class<?> type, String key, boolean method) {
        if (method) {
            final List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredMethods()));
            executables.addAll(List.of(type.getDeclaredConstructors()));
            for (final Executable e : executables) {
                final String name = e instanceof Method ? e.getName() : "<init>";
                final String descriptor = e instanceof Method m ? Type.getMethodDescriptor(m)
                    : Type.getConstructorDescriptor((java.lang.reflect.Constructor<?>) e);
                if (key.equals(name + descriptor)) {
                    return new Resolution(Outcome.FOUND, e.getModifiers(), false);
                }
            }
        } else {
            for (final Field f : type.getDeclaredFields()) {
                if (key.equals(f.getName() + " " + Type.getDescriptor(f.getType()))) {
                    return new Resolution(Outcome.FOUND, f.getModifiers(), false);
                }
            }
        }
        return Resolution.MISSING;
    }

    private String superName(String c) {
        final PluginClass own = plugin.classes.get(c);
        if (own != null) {
            return own.superName();
        }
        final Optional<ApiClass> of = api.type(c);
        if (of.isPresent()) {
            return of.get().superName();
        }
        return jdk(c).map(Class::getSuperclass).map(s -> s.getName().replace('.', '/')).orElse(null);
    }

    private List<String> interfaces(String c) {
        final PluginClass own = plugin.classes.get(c);
        if (own != null) {
            return own.interfaces();
        }
        final Optional<ApiClass> of = api.type(c);
        if (of.isPresent()) {
            return of.get().interfaces();
        }
        return jdk(c).map(type -> List.of(type.getInterfaces()).stream().map(i -> i.getName().replace('.', '/')).toList())
            .orElse(List.of());
    }

    /** Every interface a class implements, through its superclasses and superinterfaces. */
    private Set<String> superInterfaces(String owner) {
        final Set<String> all = new LinkedHashSet<>();
        final Deque<String> pending = new ArrayDeque<>();
        for (String c = owner; c != null; c = superName(c)) {
            pending.addAll(interfaces(c));
        }
        while (!pending.isEmpty()) {
            final String i = pending.pollFirst();
            if (all.add(i)) {
                pending.addAll(interfaces(i));
            }
        }
        return all;
    }

    /** Final Openfire classes and methods extended, abstract Openfire methods left unimplemented. */
    private List<String> overriding(PluginClass c) {
        final List<String> problems = new ArrayList<>();
        final String where = c.name().replace('/', '.');
        final Optional<ApiClass> superClass = c.superName() == null ? Optional.empty() : api.type(c.superName());
        if (superClass.isPresent() && (superClass.get().access() & Opcodes.ACC_FINAL) != 0) {
            problems.add(where + ": extends final class " + c.superName().replace('/', '.'));
        }
        final Set<String> apiTypes = new LinkedHashSet<>();
        for (String s = c.superName(); s != null; s = superName(s)) {
            api.type(s).ifPresent(t -> apiTypes.add(t.name()));
        }
        for (final String i : superInterfaces(c.name())) {
            api.type(i).ifPresent(t -> apiTypes.add(t.name()));
        }
        for (final String t : apiTypes) {
            final ApiClass type = api.type(t).orElseThrow();
            for (final Map.Entry<String, Integer> m : type.methods().entrySet()) {
                final int access = m.getValue();
                final Integer own = c.methods().get(m.getKey());
                if (own != null && (access & Opcodes.ACC_FINAL) != 0 && (access & Opcodes.ACC_STATIC) == 0
                    && !m.getKey().startsWith("<")) {
                    problems.add(where + ": overrides final method " + t.replace('/', '.') + "." + m.getKey());
                }
                final boolean concrete = (c.access() & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE)) == 0;
                if (concrete && (access & Opcodes.ACC_ABSTRACT) != 0 && !implemented(c.name(), m.getKey())) {
                    problems.add(where + ": does not implement abstract method " + t.replace('/', '.') + "."
                        + m.getKey());
                }
            }
        }
        return problems;
    }

    /** JVMS 5.4.6 selection, simplified: a concrete method in the class chain, else a default method. */
    private boolean implemented(String c, String key) {
        for (String s = c; s != null; s = superName(s)) {
            final Resolution r = declared(s, key, true);
            if (r.outcome() == Outcome.FOUND && !Modifier.isAbstract(r.access())) {
                return true;
            }
            if (r.outcome() == Outcome.UNJUDGED) {
                return true;
            }
        }
        for (final String i : superInterfaces(c)) {
            final Resolution r = declared(i, key, true);
            if (r.outcome() == Outcome.FOUND && !Modifier.isAbstract(r.access())
                && !Modifier.isStatic(r.access())) {
                return true;
            }
        }
        return false;
    }
}
