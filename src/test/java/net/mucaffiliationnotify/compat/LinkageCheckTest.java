package net.mucaffiliationnotify.compat;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import net.mucaffiliationnotify.compat.ApiSurface.ApiClass;

/** The linkage check finds each kind of failure the JVM would raise, and no false ones. */
public class LinkageCheckTest {
    private static final String PROPERTY = "org/jivesoftware/util/SystemProperty";
    private static final String PLUGIN = "net/example/Plugin";

    /** A plugin class whose one method runs the given instructions. */
    private interface Body {
        void emit(MethodVisitor code);
    }

    private static byte[] pluginClass(String name, String superName, String[] interfaces, Body body) {
        final ClassWriter writer = new ClassWriter(0);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, name, null, superName, interfaces);
        final MethodVisitor code = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "run",
            "(Ljava/lang/Object;)V", null, null);
        code.visitCode();
        body.emit(code);
        code.visitInsn(Opcodes.RETURN);
        code.visitMaxs(4, 2);
        code.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    private static PluginClasses plugin(Body body) {
        final PluginClasses plugin = new PluginClasses();
        plugin.add(pluginClass(PLUGIN, "java/lang/Object", null, body));
        return plugin;
    }

    private static Body call(int opcode, String owner, String name, String descriptor, boolean onInterface) {
        return code -> code.visitMethodInsn(opcode, owner, name, descriptor, onInterface);
    }

    private static ApiSurface api(ApiClass... classes) {
        final Map<String, ApiClass> map = new TreeMap<>();
        for (final ApiClass c : classes) {
            map.put(c.name(), c);
        }
        return new ApiSurface("test", map);
    }

    private static ApiClass type(String name, String superName, List<String> interfaces, int access, String... methods) {
        final Map<String, Integer> members = new TreeMap<>();
        for (final String m : methods) {
            final String[] parts = m.split(" ");
            members.put(parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : Opcodes.ACC_PUBLIC);
        }
        return new ApiClass(name, superName, interfaces, access, members, new TreeMap<>());
    }

    /** The defect of 1.1.0 on Openfire 5.2: a void setValue compiled against 5.1.1. */
    @Test
    public void voidSetValueLinksOn511ButNotOnMain() throws IOException {
        final Map<String, ApiSurface> releases = OpenfireApiCompatibilityTest.supportedReleases();
        final PluginClasses plugin = plugin(call(Opcodes.INVOKEVIRTUAL, PROPERTY, "setValue", "(Ljava/lang/Object;)V", false));
        assertEquals(List.of(), LinkageCheck.problems(plugin, releases.get("5.1.1")));
        final List<String> onMain = LinkageCheck.problems(plugin, releases.get("5.2.0-SNAPSHOT"));
        assertEquals(1, onMain.size());
        assertTrue(onMain.get(0), onMain.get(0).contains("org.jivesoftware.util.SystemProperty.setValue(Ljava/lang/Object;)V, absent"));

        final PluginClasses returning = plugin(call(Opcodes.INVOKEVIRTUAL, PROPERTY, "setValue",
            "(Ljava/lang/Object;)Ljava/lang/Object;", false));
        assertEquals(1, LinkageCheck.problems(returning, releases.get("5.1.1")).size());
        assertEquals(List.of(), LinkageCheck.problems(returning, releases.get("5.2.0-SNAPSHOT")));
    }

    @Test
    public void missingClassIsReportedOnce() {
        final PluginClasses plugin = plugin(code -> {
            code.visitTypeInsn(Opcodes.NEW, "org/jivesoftware/Gone");
            code.visitMethodInsn(Opcodes.INVOKESPECIAL, "org/jivesoftware/Gone", "<init>", "()V", false);
        });
        final List<String> problems = LinkageCheck.problems(plugin, api());
        assertEquals(problems.toString(), 1, problems.size());
        assertTrue(problems.get(0), problems.get(0).endsWith("uses class org.jivesoftware.Gone, absent"));
    }

    @Test
    public void inheritedMethodsResolveThroughOpenfireAndJdkSupertypes() {
        final ApiSurface api = api(
            type("org/xmpp/Base", "java/lang/Object", List.of(), Opcodes.ACC_PUBLIC, "getId()Ljava/lang/String;"),
            type("org/xmpp/Child", "org/xmpp/Base", List.of(), Opcodes.ACC_PUBLIC));
        final PluginClasses plugin = plugin(code -> {
            code.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "org/xmpp/Child", "getId", "()Ljava/lang/String;", false);
            code.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "org/xmpp/Child", "hashCode", "()I", false);
        });
        assertEquals(List.of(), LinkageCheck.problems(plugin, api));
        final PluginClasses wrong = plugin(call(Opcodes.INVOKEVIRTUAL, "org/xmpp/Child", "hashCode", "()J", false));
        assertEquals(1, LinkageCheck.problems(wrong, api).size());
    }

    @Test
    public void staticAndInterfaceMismatchesAreIncompatibleChanges() {
        final ApiSurface api = api(
            type("org/xmpp/Tool", "java/lang/Object", List.of(), Opcodes.ACC_PUBLIC,
                "make()V " + (Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC)),
            type("org/xmpp/Listener", "java/lang/Object", List.of(), Opcodes.ACC_PUBLIC | Opcodes.ACC_INTERFACE
                | Opcodes.ACC_ABSTRACT, "heard()V " + (Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT)));
        assertTrue(LinkageCheck.problems(plugin(call(Opcodes.INVOKEVIRTUAL, "org/xmpp/Tool", "make", "()V", false)), api)
            .get(0).contains("as instance, but it is a static method"));
        assertTrue(LinkageCheck.problems(plugin(call(Opcodes.INVOKEVIRTUAL, "org/xmpp/Listener", "heard", "()V", false)), api)
            .get(0).contains("as a class method, but org.xmpp.Listener is an interface"));
        assertEquals(List.of(), LinkageCheck.problems(plugin(call(Opcodes.INVOKEINTERFACE, "org/xmpp/Listener", "heard", "()V", true)), api));
    }

    @Test
    public void aNewAbstractMethodOfAnOpenfireInterfaceMustBeImplemented() {
        final ApiSurface api = api(type("org/jivesoftware/Listener", "java/lang/Object", List.of(),
            Opcodes.ACC_PUBLIC | Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT,
            "added()V " + (Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT), "removed()V " + Opcodes.ACC_PUBLIC));
        final PluginClasses plugin = new PluginClasses();
        plugin.add(pluginClass(PLUGIN, "java/lang/Object", new String[] {"org/jivesoftware/Listener"}, code -> { }));
        final List<String> problems = LinkageCheck.problems(plugin, api);
        assertEquals(problems.toString(), 1, problems.size());
        assertTrue(problems.get(0), problems.get(0).contains("does not implement abstract method org.jivesoftware.Listener.added()V"));
    }

    @Test
    public void extendingAFinalOpenfireClassFails() {
        final ApiSurface api = api(type("org/jivesoftware/Sealed", "java/lang/Object", List.of(),
            Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL));
        final PluginClasses plugin = new PluginClasses();
        plugin.add(pluginClass(PLUGIN, "org/jivesoftware/Sealed", null, code -> { }));
        assertTrue(LinkageCheck.problems(plugin, api).contains("net.example.Plugin: extends final class org.jivesoftware.Sealed"));
    }

    @Test
    public void methodHandlesAreChecked() {
        final PluginClasses plugin = plugin(code -> code.visitLdcInsn(new org.objectweb.asm.Handle(
            Opcodes.H_INVOKEVIRTUAL, PROPERTY, "getValue", "()Ljava/lang/String;", false)));
        final List<String> problems = LinkageCheck.problems(plugin, api(type(PROPERTY, "java/lang/Object", List.of(),
            Opcodes.ACC_PUBLIC, "getValue()Ljava/lang/Object;")));
        assertEquals(problems.toString(), 1, problems.size());
    }
}
