package dev.isspectral.kernel;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KernelMainTest {

    @Test
    void jjavaJvmOptionsComeAfterTheKernelspecsSoTheyWin() {
        List<String> command = KernelMain.relaunchCommand(Path.of("/opt/jdk"),
                List.of("-XX:MaxRAMPercentage=50", "-Djava.awt.headless=true"), List.of("-Xmx2g", "-Dtitle=a b"),
                "/k/is-spectral-kernel.jar", "/run/kernel-1.json");
        assertEquals(List.of("/opt/jdk/bin/java", "-XX:MaxRAMPercentage=50", "-Djava.awt.headless=true",
                "-Xmx2g", "-Dtitle=a b", "-Disspectral.kernel.relaunched=true",
                "-cp", "/k/is-spectral-kernel.jar", "dev.isspectral.kernel.KernelMain", "/run/kernel-1.json"), command);
    }
}
