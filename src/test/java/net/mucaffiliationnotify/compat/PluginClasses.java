package net.mucaffiliationnotify.compat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The plugin's own class files as the JVM will link them: each class's supertypes and members, and every
 * class, method and field it references (instructions, method handles, descriptors, catch types).
 */
final class PluginClasses {
    /** Where a reference comes from, for the report. */
    record Site(String className, String member) {
        @Override
        public String toString() {
            return className.replace('/', '.') + (member == null ? "" : "." + member);
        }
    }

    /** A reference to a class. */
    record TypeRef(String name, Site site) {
    }

    /**
     * A reference to a method or field.
     *
     * @param method method (else field)
     * @param isStatic invoked or accessed as static
     * @param onInterface invoked as an interface method
     */
    record MemberRef(String owner, String name, String descriptor, boolean method, boolean isStatic,
                     boolean onInterface, Site site) {
        String display() {
            return owner.replace('/', '.') + "." + name + (method ? descriptor : " " + descriptor);
        }
    }

    /** One of the plugin's classes. */
    record PluginClass(String name, String superName, List<String> interfaces, int access,
                       Map<String, Integer> methods, Map<String, Integer> fields) {
    }

    final Map<String, PluginClass> classes = new TreeMap<>();
    final List<TypeRef> types = new ArrayList<>();
    final List<MemberRef> members = new ArrayList<>();

    /**
     * Reads every class file under a directory.
     *
     * @param root a class directory, e.g. {@code target/classes/net}
     * @return the classes and their references
     * @throws IOException when a file cannot be read
     */
    static PluginClasses read(Path root) throws IOException {
        final PluginClasses result = new PluginClasses();
        final List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        for (final Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                result.add(new ClassReader(in));
            }
        }
        return result;
    }

    /** @param bytes a class file to add */
    void add(byte[] bytes) {
        add(new ClassReader(bytes));
    }

    private void add(ClassReader reader) {
        reader.accept(new Collector(), ClassReader.SKIP_FRAMES);
    }

    private void type(Type type, Site site) {
        switch (type.getSort()) {
            case Type.ARRAY -> type(type.getElementType(), site);
            case Type.OBJECT -> types.add(new TypeRef(type.getInternalName(), site));
            case Type.METHOD -> {
                for (final Type argument : type.getArgumentTypes()) {
                    type(argument, site);
                }
                type(type.getReturnType(), site);
            }
            default -> {
            }
        }
    }

    private void internalName(String name, Site site) {
        type(name.startsWith("[") ? Type.getType(name) : Type.getObjectType(name), site);
    }

    private void handle(Handle handle, Site site) {
        final int tag = handle.getTag();
        final boolean field = tag <= Opcodes.H_PUTSTATIC;
        final boolean isStatic = tag == Opcodes.H_GETSTATIC || tag == Opcodes.H_PUTSTATIC
            || tag == Opcodes.H_INVOKESTATIC;
        internalName(handle.getOwner(), site);
        type(Type.getType(handle.getDesc()), site);
        members.add(new MemberRef(handle.getOwner(), handle.getName(), handle.getDesc(), !field, isStatic,
            handle.isInterface(), site));
    }

    private void constant(Object value, Site site) {
        if (value instanceof Type type) {
            type(type, site);
        } else if (value instanceof Handle handle) {
            handle(handle, site);
        }
    }

    private final class Collector extends ClassVisitor {
        private String className;
        private final Map<String, Integer> methods = new TreeMap<>();
        private final Map<String, Integer> fields = new TreeMap<>();

        Collector() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                          String[] interfaces) {
            className = name;
            final Site site = new Site(name, null);
            if (superName != null) {
                internalName(superName, site);
            }
            final List<String> list = interfaces == null ? List.of() : List.of(interfaces);
            list.forEach(i -> internalName(i, site));
            classes.put(name, new PluginClass(name, superName, list, access, methods, fields));
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            fields.put(name + " " + descriptor, access);
            type(Type.getType(descriptor), new Site(className, name));
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            methods.put(name + descriptor, access);
            final Site site = new Site(className, name);
            type(Type.getMethodType(descriptor), site);
            if (exceptions != null) {
                for (final String exception : exceptions) {
                    internalName(exception, site);
                }
            }
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitTypeInsn(int opcode, String type) {
                    internalName(type, site);
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                    internalName(owner, site);
                    type(Type.getType(descriptor), site);
                    members.add(new MemberRef(owner, name, descriptor, false,
                        opcode == Opcodes.GETSTATIC || opcode == Opcodes.PUTSTATIC, false, site));
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String name, String descriptor,
                                            boolean isInterface) {
                    internalName(owner, site);
                    type(Type.getMethodType(descriptor), site);
                    members.add(new MemberRef(owner, name, descriptor, true, opcode == Opcodes.INVOKESTATIC,
                        isInterface, site));
                }

                @Override
                public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap,
                                                   Object... arguments) {
                    type(Type.getMethodType(descriptor), site);
                    handle(bootstrap, site);
                    for (final Object argument : arguments) {
                        constant(argument, site);
                    }
                }

                @Override
                public void visitLdcInsn(Object value) {
                    constant(value, site);
                }

                @Override
                public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
                    type(Type.getType(descriptor), site);
                }

                @Override
                public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                    if (type != null) {
                        internalName(type, site);
                    }
                }
            };
        }
    }
}
