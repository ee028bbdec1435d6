package net.mucaffiliationnotify.compat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The linkable API of one Openfire release: every public or protected class of Openfire and Tinder
 * ({@code org/jivesoftware/**}, {@code org/xmpp/**}) with its supertypes and its public or protected
 * members, as descriptors. Recorded from the release's real jars by {@link ApiRecorder} into a text file
 * under {@code src/test/openfire-api/}, read back by {@link LinkageCheck}.
 *
 * <p>File format, one line each, classes sorted by name and members after their class:
 * <pre>
 * class NAME SUPER|- INTERFACE,…|- FLAGS
 *   method NAME DESCRIPTOR FLAGS
 *   field NAME DESCRIPTOR FLAGS
 * </pre>
 * where FLAGS is a comma-separated subset of {@code public,protected,static,final,abstract,interface}.
 */
public final class ApiSurface {
    /** Packages whose classes are Openfire's (or Tinder's), in internal form. */
    static final List<String> PACKAGES = List.of("org/jivesoftware/", "org/xmpp/");

    private final String label;
    private final Map<String, ApiClass> classes;

    ApiSurface(String label, Map<String, ApiClass> classes) {
        this.label = label;
        this.classes = Collections.unmodifiableMap(new TreeMap<>(classes));
    }

    /** @return whether an internal class name belongs to Openfire or Tinder */
    static boolean covers(String internalName) {
        return PACKAGES.stream().anyMatch(internalName::startsWith);
    }

    /** @return the version label, e.g. {@code 5.1.1} */
    public String label() {
        return label;
    }

    /** @return the class, if this release has it as public or protected */
    Optional<ApiClass> type(String internalName) {
        return Optional.ofNullable(classes.get(internalName));
    }

    /** @return the number of classes recorded */
    int size() {
        return classes.size();
    }

    /** One class: its supertypes, flags and members keyed by {@code name + descriptor}. */
    record ApiClass(String name, String superName, List<String> interfaces, int access,
                    Map<String, Integer> methods, Map<String, Integer> fields) {
        boolean isInterface() {
            return (access & Opcodes.ACC_INTERFACE) != 0;
        }
    }

    /**
     * Records the API from jars.
     *
     * @param label the release
     * @param jars Openfire's xmppserver jar and the Tinder jar it ships
     * @return the API those jars offer
     * @throws IOException when a jar cannot be read
     */
    static ApiSurface fromJars(String label, List<Path> jars) throws IOException {
        final Map<String, ApiClass> classes = new TreeMap<>();
        for (final Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                final Enumeration<JarEntry> entries = file.entries();
                while (entries.hasMoreElements()) {
                    final JarEntry entry = entries.nextElement();
                    if (!entry.getName().endsWith(".class") || !covers(entry.getName())) {
                        continue;
                    }
                    try (InputStream in = file.getInputStream(entry)) {
                        read(new ClassReader(in)).ifPresent(c -> classes.put(c.name(), c));
                    }
                }
            }
        }
        return new ApiSurface(label, classes);
    }

    private static Optional<ApiClass> read(ClassReader reader) {
        final Map<String, Integer> methods = new TreeMap<>();
        final Map<String, Integer> fields = new TreeMap<>();
        final ApiClass[] result = new ApiClass[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            private int access;

            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                this.access = access;
                result[0] = new ApiClass(name, superName, interfaces == null ? List.of() : List.of(interfaces),
                    access & KEPT, methods, fields);
            }

            @Override
            public void visitInnerClass(String name, String outerName, String innerName, int innerAccess) {
                // A nested class's real visibility is in its InnerClasses entry (the class file says public
                // for protected ones and package for private ones).
                if (name.equals(result[0].name())) {
                    access = innerAccess;
                }
            }

            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature,
                                           Object value) {
                if (linkable(access)) {
                    fields.put(name + " " + descriptor, access & KEPT);
                }
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                if (linkable(access) && (access & Opcodes.ACC_SYNTHETIC) == 0) {
                    methods.put(name + descriptor, access & KEPT);
                }
                return null;
            }

            @Override
            public void visitEnd() {
                if (!linkable(access)) {
                    result[0] = null;
                }
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return Optional.ofNullable(result[0]);
    }

    private static final int KEPT = Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED | Opcodes.ACC_STATIC
        | Opcodes.ACC_FINAL | Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE;

    private static boolean linkable(int access) {
        return (access & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) != 0;
    }

    /**
     * Writes the API in the file format above.
     *
     * @param out where to write
     * @param header comment lines (without {@code #})
     * @throws IOException when writing fails
     */
    void write(Writer out, List<String> header) throws IOException {
        for (final String line : header) {
            out.write("# " + line + "\n");
        }
        for (final ApiClass c : classes.values()) {
            out.write("class " + c.name() + " " + (c.superName() == null ? "-" : c.superName()) + " "
                + (c.interfaces().isEmpty() ? "-" : String.join(",", c.interfaces())) + " " + flags(c.access())
                + "\n");
            for (final Map.Entry<String, Integer> m : c.methods().entrySet()) {
                final int paren = m.getKey().indexOf('(');
                out.write("  method " + m.getKey().substring(0, paren) + " " + m.getKey().substring(paren) + " "
                    + flags(m.getValue()) + "\n");
            }
            for (final Map.Entry<String, Integer> f : c.fields().entrySet()) {
                out.write("  field " + f.getKey() + " " + flags(f.getValue()) + "\n");
            }
        }
    }

    /**
     * Reads an API file.
     *
     * @param file a file {@link #write} wrote
     * @param label the release it describes
     * @return its API
     * @throws IOException when the file cannot be read or is malformed
     */
    static ApiSurface read(Path file, String label) throws IOException {
        final Map<String, ApiClass> classes = new TreeMap<>();
        ApiClass current = null;
        int lineNumber = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                final String[] parts = line.trim().split(" ");
                if (parts[0].equals("class") && parts.length == 5) {
                    current = new ApiClass(parts[1], parts[2].equals("-") ? null : parts[2],
                        parts[3].equals("-") ? List.of() : List.of(parts[3].split(",")), access(parts[4]),
                        new TreeMap<>(), new TreeMap<>());
                    classes.put(current.name(), current);
                } else if (parts[0].equals("method") && parts.length == 4 && current != null) {
                    current.methods().put(parts[1] + parts[2], access(parts[3]));
                } else if (parts[0].equals("field") && parts.length == 4 && current != null) {
                    current.fields().put(parts[1] + " " + parts[2], access(parts[3]));
                } else {
                    throw new IOException(file + ":" + lineNumber + ": not an API line: " + line);
                }
            }
        }
        return new ApiSurface(label, classes);
    }

    private static final String[] FLAG_NAMES = {"public", "protected", "static", "final", "abstract", "interface"};
    private static final int[] FLAG_BITS = {Opcodes.ACC_PUBLIC, Opcodes.ACC_PROTECTED, Opcodes.ACC_STATIC,
        Opcodes.ACC_FINAL, Opcodes.ACC_ABSTRACT, Opcodes.ACC_INTERFACE};

    private static String flags(int access) {
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < FLAG_BITS.length; i++) {
            if ((access & FLAG_BITS[i]) != 0) {
                names.add(FLAG_NAMES[i]);
            }
        }
        return names.isEmpty() ? "-" : String.join(",", names);
    }

    private static int access(String flags) throws IOException {
        int access = 0;
        if (flags.equals("-")) {
            return access;
        }
        outer:
        for (final String name : flags.split(",")) {
            for (int i = 0; i < FLAG_NAMES.length; i++) {
                if (FLAG_NAMES[i].equals(name)) {
                    access |= FLAG_BITS[i];
                    continue outer;
                }
            }
            throw new IOException("unknown flag " + name);
        }
        return access;
    }
}
