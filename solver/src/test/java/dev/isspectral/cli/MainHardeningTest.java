package dev.isspectral.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each command-line item of issue 14, exactly as reported, now refused with one line naming option, value and range. */
class MainHardeningTest {

    private static CliPropertiesTest.Outcome refused(String... args) {
        CliPropertiesTest.Outcome o = CliPropertiesTest.main(args);
        assertEquals(2, o.status(), "accepted: " + String.join(" ", args) + "\n" + o.out());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().startsWith("error: "), o.err());
        return o;
    }

    @Test
    void negativeOrNanBulkViscosityIsRefused() {
        assertTrue(refused("run", "sound-wave", "--grid", "1x8x8x8", "--cs2", "0.2", "--zeta-over-s", "-1").err()
                .contains("--zeta-over-s = -1; must be a finite number >= 0"));
        assertTrue(refused("run", "sound-wave", "--grid", "1x8x8x8", "--cs2", "0.2", "--zeta-over-s", "NaN").err()
                .contains("--zeta-over-s = NaN; must be a finite number"));
    }

    @Test
    void nanSoundSpeedIsRefusedNotReadAsConformal() {
        assertTrue(refused("run", "sound-wave", "--grid", "1x8x8x8", "--cs2", "NaN").err()
                .contains("--cs2 = NaN; must be a finite number"));
        assertTrue(refused("run", "sound-wave", "--grid", "1x8x8x8", "--cs2", "0.5").err()
                .contains("--cs2 = 0.5; must be a number in (0, 1/3]"));
    }

    @Test
    void nanTimeStepIsRefusedNotReadAsTheCflStep() {
        assertTrue(refused("run", "sound-wave", "--grid", "1x8x8x8", "--dt", "NaN").err().contains("--dt = NaN; must be a finite number"));
        assertTrue(refused("run", "sound-wave", "--grid", "1x8x8x8", "--dt", "Infinity").err().contains("--dt = Infinity"));
        assertTrue(refused("run", "sound-wave", "--grid", "1x8x8x8", "--dt", "-0.1").err().contains("must be a finite number > 0"));
    }

    @Test
    void bulkViscosityWithTheConformalEosIsRefusedNamingBothOptions() {
        String e = refused("run", "sound-wave", "--grid", "1x8x8x8", "--zeta-over-s", "0.1").err();
        assertTrue(e.contains("--zeta-over-s = 0.1") && e.contains("must have --cs2 < 1/3"), e);
    }

    @Test
    void benchGridsWithoutStepsAreRefusedNotAnArrayIndexCrash() {
        assertTrue(refused("bench", "--grids", "0x8x8x8").err().contains("--grids entry \"0x8x8x8\" has NT = 0"));
        assertTrue(refused("bench", "--grids", "8x8x8").err().contains("--grids entry \"8x8x8\" has NT = 0"));
        assertTrue(refused("bench", "--grids", "2x8x8x8,").err().contains("--grids entry \"\""));
    }

    @Test
    void negativeWarmupIsRefusedNotClamped() {
        assertTrue(refused("bench", "--grids", "1x4x4x4", "--warmup", "-5").err().contains("--warmup = -5; must be >= 0"));
    }

    @Test
    void runWithZeroStepsIsRefused() {
        assertTrue(refused("run", "sound-wave", "--grid", "0x8x8x8").err().contains("has NT = 0 steps; must be"));
    }

    @Test
    void aGridErrorNamesTheOptionAndEchoesTheGridAsTyped() {
        // a grid without NT was echoed in its normalised notation, "0x4x8x8", a value nobody typed
        assertEquals("error: --grid = \"4x8x8\" has NT = 0 steps; must be NTxNXxNYxNZ with NT >= 1 (e.g. 32x32x16x16)",
                refused("run", "sound-wave", "--grid", "4x8x8").err().lines().findFirst().orElse(""));
        assertTrue(refused("run", "sound-wave", "--grid", "abc").err().startsWith("error: --grid = \"abc\"; must be"));
        assertTrue(refused("profile", "--grid", "8x8x8", "--out", "p.html").err()
                .startsWith("error: --grid = \"8x8x8\" has NT = 0 steps"));
        assertTrue(refused("profile", "--grid", "8x8", "--out", "p.html").err().startsWith("error: --grid = \"8x8\"; must be"));
        assertTrue(refused("profile", "--tuning", "fast", "--out", "p.html").err()
                .startsWith("error: --tuning = \"fast\"; must be baseline or optimized"));
    }

    @Test
    void leversIntegratorAndCasesRefuseNamingTheOptionAndTheValueAsTyped() {
        assertTrue(refused("bench", "levers", "--grid", "8x8").err().startsWith("error: --grid = \"8x8\"; must be"));
        assertEquals("error: --threads = 0; must be a whole number, 1 … 256",
                refused("bench", "levers", "--threads", "0").err().strip());
        assertTrue(refused("bench", "levers", "--only", "zzz", "--grid", "16x8x8").err()
                .startsWith("error: --only = \"zzz\"; matches none of [fused pointwise kernel,"));
        assertEquals("error: --integrator = \"rk4\"; must be ars222 or ssprk3",
                refused("run", "sound-wave", "--integrator", "rk4").err().strip());
        assertEquals("error: cases takes no arguments; got \"extra\"", refused("cases", "extra").err().strip());
    }

    @Test
    void scalingThreadsThatDoNotIncreaseAreRefusedNamingTheOption() {
        assertTrue(refused("bench", "scaling", "--threads", "0").err()
                .startsWith("error: --threads = \"0\"; must be increasing whole numbers >= 1"));
        assertTrue(refused("bench", "scaling", "--threads", "2,1").err()
                .startsWith("error: --threads = \"2,1\"; must be increasing whole numbers >= 1"));
    }

    @Test
    void aOnePointGridHasNoCflStepAndSaysSo() {
        String e = refused("run", "static", "--grid", "8x1x1x1").err();
        assertTrue(e.contains("CFL step of physics.md eq. 6.3 is infinite") && e.contains("timeStep"), e);
        CliPropertiesTest.Outcome fixed = CliPropertiesTest.main("run", "static", "--grid", "2x1x1x1", "--dt", "0.01");
        assertEquals(0, fixed.status(), fixed.err());
    }

    @Test
    void theLargestAllowedGridIsRefusedBeforeAllocatingWithTheEstimateAndWhatFits() {
        String e = refused("run", "sound-wave", "--grid", "8x2048x2048x64").err();
        assertTrue(e.contains("needs ~") && e.contains("maximum heap -Xmx = ") && e.contains("largest grid of this shape that fits is 8x"), e);
    }
}
