package dev.isspectral.kernel;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelConfigTest {

    @Test
    void unsetVariablesGiveIJavaDefaults() {
        KernelConfig c = KernelConfig.fromEnvironment(Map.of());
        assertEquals(List.of(), c.classpath());
        assertEquals(List.of(), c.compilerOptions());
        assertEquals(-1, c.timeoutMillis());
        assertEquals(List.of(), c.startupScriptPaths());
        assertEquals("", c.startupScript());
    }

    @Test
    void classpathAndScriptPathsSplitOnThePathSeparatorSkippingEmptyEntries() {
        KernelConfig c = KernelConfig.fromEnvironment(Map.of(
                "IJAVA_CLASSPATH", "/a/*.jar::/b/classes:",
                "IJAVA_STARTUP_SCRIPTS_PATH", "/s/one.jshell:/s/*.jsh"));
        assertEquals(List.of("/a/*.jar", "/b/classes"), c.classpath());
        assertEquals(List.of("/s/one.jshell", "/s/*.jsh"), c.startupScriptPaths());
    }

    @Test
    void compilerOptionsSplitOnWhitespaceAndDoubleQuotesGroup() {
        assertEquals(List.of("-Xlint:all", "-parameters", "-Adir=a b"),
                KernelConfig.fromEnvironment(Map.of("IJAVA_COMPILER_OPTS", "  -Xlint:all -parameters \"-Adir=a b\" ")).compilerOptions());
    }

    @Test
    void unclosedQuoteInCompilerOptionsIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelConfig.fromEnvironment(Map.of("IJAVA_COMPILER_OPTS", "-A\"x")));
        assertEquals("IJAVA_COMPILER_OPTS = '-A\"x'; has an unclosed double quote", e.getMessage());
    }

    @Test
    void timeoutIsMillisecondsByDefaultOrNumberAndTimeUnit() {
        assertEquals(250, KernelConfig.parseTimeout("250"));
        assertEquals(30_000, KernelConfig.parseTimeout("30 SECONDS"));
        assertEquals(120_000, KernelConfig.parseTimeout("2 minutes"));
        assertEquals(1, KernelConfig.parseTimeout("10 MICROSECONDS"), "rounded up to 1 ms, never to 'no limit'");
    }

    @Test
    void timeoutBelowOneMeansNoLimit() {
        assertEquals(-1, KernelConfig.parseTimeout("0"));
        assertEquals(-1, KernelConfig.parseTimeout("-1"));
        assertEquals(-1, KernelConfig.parseTimeout(" "));
    }

    @Test
    void badTimeoutNamesVariableValueAndWhatIsAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelConfig.fromEnvironment(Map.of("IJAVA_TIMEOUT", "soon")));
        assertTrue(e.getMessage().startsWith("IJAVA_TIMEOUT = 'soon'; allowed: an integer number of milliseconds"), e.getMessage());
        IllegalArgumentException unit = assertThrows(IllegalArgumentException.class, () -> KernelConfig.parseTimeout("5 FORTNIGHTS"));
        assertTrue(unit.getMessage().startsWith("IJAVA_TIMEOUT = '5 FORTNIGHTS'; unknown unit 'FORTNIGHTS'"), unit.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KernelConfig.parseTimeout("1 2 3"));
    }
}
