package dev.isspectral.kernel;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel jar leaks nothing into user code: every class is ours, the SPI, relocated under ours,
 * or basekernel's display API under IJava's names ({@value #SHARED_DISPLAY_API}), which cells
 * written for IJava import.
 */
class ShadedJarIT {

    static final String SHARED_DISPLAY_API = "io/github/spencerpark/jupyter/kernel/display/";

    @Test
    void everyClassInTheKernelJarIsUnderDevIsspectralOrTheSharedDisplayApi() throws IOException {
        Path jar = Path.of(System.getProperty("kernelspec.dir"), "is-spectral-kernel.jar");
        List<String> foreign = new ArrayList<>();
        int relocated = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            for (var entries = file.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (name.endsWith(".class")) {
                    if (!name.startsWith("dev/isspectral/") && !name.startsWith(SHARED_DISPLAY_API)) {
                        foreign.add(name);
                    }
                    if (name.startsWith("dev/isspectral/kernel/shaded/")) {
                        relocated++;
                    }
                }
            }
            assertEquals("dev.isspectral.kernel.KernelMain", file.getManifest().getMainAttributes().getValue("Main-Class"));
        }
        assertEquals(List.of(), foreign);
        assertTrue(relocated > 1000, "basekernel, gson, resolver relocated: " + relocated + " classes");
    }

    @Test
    void theDisplaySpiIsNotRelocated() throws IOException {
        Path jar = Path.of(System.getProperty("kernelspec.dir"), "is-spectral-kernel.jar");
        try (JarFile file = new JarFile(jar.toFile())) {
            assertTrue(file.getEntry("dev/isspectral/display/spi/DisplayProvider.class") != null);
        }
    }

    @Test
    void basekernelsDisplayApiKeepsItsNamesAndTheRestIsRelocated() throws IOException {
        Path jar = Path.of(System.getProperty("kernelspec.dir"), "is-spectral-kernel.jar");
        try (JarFile file = new JarFile(jar.toFile())) {
            assertTrue(file.getEntry(SHARED_DISPLAY_API + "DisplayData.class") != null);
            assertTrue(file.getEntry(SHARED_DISPLAY_API + "mime/MIMEType.class") != null);
            assertTrue(file.getEntry("io/github/spencerpark/jupyter/kernel/BaseKernel.class") == null);
            assertTrue(file.getEntry("dev/isspectral/kernel/shaded/spencerpark/jupyter/kernel/BaseKernel.class") != null);
            assertTrue(file.getEntry("dev/isspectral/kernel/shaded/spencerpark/jupyter/kernel/util/CharPredicate.class") != null,
                    "what the display API uses is relocated with the rest");
        }
    }
}
