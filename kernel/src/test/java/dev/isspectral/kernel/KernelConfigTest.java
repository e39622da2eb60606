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
        assertEquals(List.of(), c.jvmOptions());
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
        assertEquals(250, KernelConfig.parseTimeout("IJAVA_TIMEOUT", "250"));
        assertEquals(30_000, KernelConfig.parseTimeout("IJAVA_TIMEOUT", "30 SECONDS"));
        assertEquals(120_000, KernelConfig.parseTimeout("IJAVA_TIMEOUT", "2 minutes"));
        assertEquals(1, KernelConfig.parseTimeout("IJAVA_TIMEOUT", "10 MICROSECONDS"), "rounded up to 1 ms, never to 'no limit'");
    }

    @Test
    void timeoutBelowOneMeansNoLimit() {
        assertEquals(-1, KernelConfig.parseTimeout("IJAVA_TIMEOUT", "0"));
        assertEquals(-1, KernelConfig.parseTimeout("IJAVA_TIMEOUT", "-1"));
        assertEquals(-1, KernelConfig.parseTimeout("IJAVA_TIMEOUT", " "));
    }

    @Test
    void badTimeoutNamesVariableValueAndWhatIsAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelConfig.fromEnvironment(Map.of("IJAVA_TIMEOUT", "soon")));
        assertTrue(e.getMessage().startsWith("IJAVA_TIMEOUT = 'soon'; allowed: an integer number of milliseconds"), e.getMessage());
        IllegalArgumentException unit = assertThrows(IllegalArgumentException.class, () -> KernelConfig.parseTimeout("IJAVA_TIMEOUT", "5 FORTNIGHTS"));
        assertTrue(unit.getMessage().startsWith("IJAVA_TIMEOUT = '5 FORTNIGHTS'; unknown unit 'FORTNIGHTS'"), unit.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KernelConfig.parseTimeout("IJAVA_TIMEOUT", "1 2 3"));
    }

    @Test
    void jjavaNamesAreReadWhenTheIJavaOnesAreUnset() {
        KernelConfig c = KernelConfig.fromEnvironment(Map.of(
                "JJAVA_CLASSPATH", "/j/a.jar:/j/b.jar",
                "JJAVA_COMPILER_OPTS", "-parameters",
                "JJAVA_TIMEOUT", "3 SECONDS",
                "JJAVA_STARTUP_SCRIPTS_PATH", "/j/init.jshell",
                "JJAVA_STARTUP_SCRIPT", "int answer = 42;",
                "JJAVA_JVM_OPTS", "-Xmx2g \"-Dtitle=a b\""));
        assertEquals(List.of("/j/a.jar", "/j/b.jar"), c.classpath());
        assertEquals(List.of("-parameters"), c.compilerOptions());
        assertEquals(3000, c.timeoutMillis());
        assertEquals(List.of("/j/init.jshell"), c.startupScriptPaths());
        assertEquals("int answer = 42;", c.startupScript());
        assertEquals(List.of("-Xmx2g", "-Dtitle=a b"), c.jvmOptions());
    }

    @Test
    void whenBothAreSetTheIJavaNameWinsSettingBySetting() {
        KernelConfig c = KernelConfig.fromEnvironment(Map.of(
                "IJAVA_CLASSPATH", "/i/a.jar", "JJAVA_CLASSPATH", "/j/a.jar",
                "IJAVA_TIMEOUT", "250", "JJAVA_TIMEOUT", "9 SECONDS",
                "JJAVA_STARTUP_SCRIPT", "int fromJJava = 1;"));
        assertEquals(List.of("/i/a.jar"), c.classpath());
        assertEquals(250, c.timeoutMillis());
        assertEquals("int fromJJava = 1;", c.startupScript(), "the JJava value of a setting IJava leaves unset");
    }

    @Test
    void aBlankIJavaValueCountsAsUnset() {
        KernelConfig c = KernelConfig.fromEnvironment(Map.of("IJAVA_TIMEOUT", " ", "JJAVA_TIMEOUT", "2 MINUTES"));
        assertEquals(120_000, c.timeoutMillis());
    }

    @Test
    void aBadJJavaValueIsReportedUnderItsOwnName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelConfig.fromEnvironment(Map.of("JJAVA_TIMEOUT", "later")));
        assertTrue(e.getMessage().startsWith("JJAVA_TIMEOUT = 'later'; allowed:"), e.getMessage());
        IllegalArgumentException jvm = assertThrows(IllegalArgumentException.class,
                () -> KernelConfig.fromEnvironment(Map.of("JJAVA_JVM_OPTS", "-Dx=\"open")));
        assertEquals("JJAVA_JVM_OPTS = '-Dx=\"open'; has an unclosed double quote", jvm.getMessage());
    }
}
