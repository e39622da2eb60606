package dev.isspectral.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.isspectral.testsupport.StdErr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a notebook the solver and its FFT backends are loaded by the notebook's class loader, not the application
 * loader. IS-Spectral's kernel also makes that loader the thread's context loader; a stock IJava kernel leaves the
 * context loader elsewhere. Backends must be found either way.
 */
class FftEnginesClassLoaderTest {

    /** A backend only a notebook loader sees (its service file is added to that loader alone). */
    public static final class ProbeBackend implements FftBackend {
        @Override
        public String name() {
            return "probe";
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public String unavailableReason() {
            return "";
        }

        @Override
        public FftEngine create(FftSettings settings, int nx, int ny, int nz) {
            return new JTransformsEngine(nx, ny, nz);
        }
    }

    @Test
    void backendsInTheNotebookLoaderAreFoundWhateverTheContextLoader(@TempDir Path dir) throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(FftBackend.class.getName()), ProbeBackend.class.getName() + "\n");
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        urls.add(dir.toUri().toURL());
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        try (URLClassLoader notebook = new URLClassLoader("notebook", urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            Class<?> engines = Class.forName(FftEngines.class.getName(), true, notebook);
            assertNotSame(FftEngines.class, engines, "the notebook loader must hold its own copy of the solver");
            Method reason = engines.getMethod("unavailableReason", String.class);

            thread.setContextClassLoader(notebook);     // IS-Spectral's kernel
            assertEquals(Optional.empty(), reason.invoke(null, "probe"));

            thread.setContextClassLoader(saved);        // a stock kernel: the context loader does not see the notebook's jars
            assertEquals(Optional.empty(), reason.invoke(null, "probe"));

            // a context loader whose service file names the probe as the application loader's class, which is no
            // FftBackend of the notebook's solver: that provider is skipped (said once), the notebook's own is found
            try (URLClassLoader foreign = new URLClassLoader("foreign", new URL[] {dir.toUri().toURL()}, saved)) {
                thread.setContextClassLoader(foreign);
                String said = StdErr.captureText(() -> assertEquals(Optional.empty(), reason.invoke(null, "probe")));
                assertTrue(said.startsWith("WARNING: FFT backend provider skipped: dev.isspectral.fft.FftBackend: "
                        + ProbeBackend.class.getName() + " not a subtype"), said);
                assertEquals(1, said.lines().count(), said);
            }
        } finally {
            thread.setContextClassLoader(saved);
        }
        assertTrue(FftEngines.unavailableReason("probe").orElseThrow().contains("no FftBackend named 'probe'"),
                "the application loader never saw the probe's service file");
    }
}
