package dev.isspectral.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelSpecTest {

    private static JsonObject spec() throws IOException {
        return JsonParser.parseString(Files.readString(Path.of("src/main/kernelspec/kernel.json"))).getAsJsonObject();
    }

    private static List<String> argv() throws IOException {
        JsonArray array = spec().getAsJsonArray("argv");
        List<String> argv = new ArrayList<>();
        array.forEach(e -> argv.add(e.getAsString()));
        return argv;
    }

    @Test
    void specIsTheJavaLanguageWithMessageInterrupts() throws IOException {
        assertEquals("java", spec().get("language").getAsString());
        assertEquals("message", spec().get("interrupt_mode").getAsString());
    }

    @Test
    void specIsRelocatableAndEndsWithTheConnectionFile() throws IOException {
        List<String> argv = argv();
        assertTrue(argv.contains("{resource_dir}/is-spectral-kernel.jar"), argv.toString());
        assertEquals("{connection_file}", argv.get(argv.size() - 1));
        assertTrue(argv.stream().noneMatch(a -> a.startsWith("/")), "no absolute paths: " + argv);
    }

    @Test
    void jvmIsHeadlessWithAHeapThatIsAShareOfMemory() throws IOException {
        List<String> argv = argv();
        assertTrue(argv.contains("-Djava.awt.headless=true"), argv.toString());
        assertTrue(argv.stream().anyMatch(a -> a.startsWith("-XX:MaxRAMPercentage=")), argv.toString());
        assertTrue(argv.stream().noneMatch(a -> a.startsWith("-Xmx")), "no fixed heap: " + argv);
    }
}
