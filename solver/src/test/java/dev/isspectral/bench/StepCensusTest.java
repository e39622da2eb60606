package dev.isspectral.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StepCensusTest {

    private static Object sink;
    private int count;
    private long sum;

    private void quiet() {
        count++;
        sum += count * 3L;
    }

    @Test
    void anAllocationEveryStepIsInEveryWindow() {
        StepCensus c = StepCensus.take(() -> sink = new long[30], 4, 10);
        assertNotNull(c);
        assertTrue(c.recurringPerStep() >= 30 * 8, c.describe());
        assertEquals(40, c.allocatingSteps(), c.describe());
    }

    @Test
    void anAllocationEveryFewStepsWithinAWindowIsInTheFigure() {
        StepCensus c = StepCensus.take(() -> {
            quiet();
            if (count % 7 == 0) {
                sink = new long[100];
            }
        }, 3, 10);
        assertNotNull(c);
        // every window of 10 steps holds at least one seventh step: 800 B or more of array in it
        assertTrue(c.recurringPerStep() >= 80, c.describe());
    }

    @Test
    void aOneOffLeavesTheOtherWindowsAtZero() {
        for (int i = 0; i < 20; i++) {
            quiet();   // the counter read and the step compiled or at least resolved before the census
        }
        int[] at = {0};
        StepCensus c = StepCensus.take(() -> {
            quiet();
            if (++at[0] == 15) {
                sink = new long[1000];
            }
        }, 4, 10);
        assertNotNull(c);
        assertEquals(0, c.recurringPerStep(), c.describe());
        assertTrue(c.allPerStep() >= 8000.0 / 40, c.describe());
        assertTrue(c.largestStep() >= 8000, c.describe());
        assertTrue(c.allocatingSteps() >= 1 && c.allocatingSteps() < 10, c.describe());
        double[] each = c.windowsPerStep();
        assertTrue(each[1] >= 800, "the one-off lands in the second window: " + c.describe());
        assertTrue(c.describe().contains("40 steps read one by one on the stepping thread in 4 windows of 10"), c.describe());
    }

    @Test
    void badSizesNameTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StepCensus.take(this::quiet, 0, 10));
        assertTrue(e.getMessage().startsWith("windows = 0;"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StepCensus.take(this::quiet, 2, 0));
        assertTrue(e.getMessage().startsWith("window = 0;"), e.getMessage());
    }
}
