package net.mucaffiliationnotify.compat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the API file of one Openfire release from its real jars (run by
 * {@code src/test/openfire-api/record.sh}, never by the build).
 *
 * <p>Arguments: {@code OUTPUT LABEL HEADER-LINE JAR…}.
 */
public final class ApiRecorder {
    private ApiRecorder() {
    }

    /**
     * @param args output file, release label, one header line, then the jars
     * @throws IOException when a jar cannot be read or the file written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: ApiRecorder OUTPUT LABEL HEADER JAR...");
        }
        final Path output = Path.of(args[0]);
        final List<Path> jars = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            jars.add(Path.of(args[i]));
        }
        final ApiSurface api = ApiSurface.fromJars(args[1], jars);
        final List<String> header = new ArrayList<>();
        header.add("Openfire " + args[1] + ": public and protected classes and members of org/jivesoftware and org/xmpp");
        header.add(args[2]);
        for (final Path jar : jars) {
            header.add("from " + jar.getFileName());
        }
        header.add("Made by src/test/openfire-api/record.sh; read by OpenfireApiCompatibilityTest. Do not edit.");
        try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            api.write(out, header);
        }
        System.out.println(output + ": " + api.size() + " classes");
    }
}
