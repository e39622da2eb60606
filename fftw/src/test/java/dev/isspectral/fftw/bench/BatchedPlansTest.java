package dev.isspectral.fftw.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.grid.Grid;
import dev.isspectral.measure.RunContext;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batched-plan comparison computes the same transforms both ways and reports every candidate (no timing asserted). */
class BatchedPlansTest {

    @Test
    void theBatchedPlanGivesTheStepsSpectraAndTheReportHasBothDirections() {
        BatchedPlans.Row row = BatchedPlans.measure(Grid.parse("8x8x6"), 3, 2, Duration.ofMillis(300));
        assertTrue(row.difference() <= BatchedPlans.AGREEMENT, "difference " + row.difference());
        assertEquals(List.of("forward, the step's way", "forward, one batched plan", "forward, one batched plan, no copies",
                "inverse, the step's way", "inverse, one batched plan"), row.measurement().names());
        String md = BatchedPlans.markdown(List.of(row), 2, 1, RunContext.start().finish(), "--grids 8x8x6 --groups 3");
        assertTrue(md.contains("| 8x8x6 | 3 | forward |") && md.contains("| 8x8x6 | 3 | inverse |"), md);
        assertTrue(md.contains("Command: `bash bench.sh --batched-plans --grids 8x8x6 --groups 3`"), md);
    }

    @Test
    void theDifferenceIsRelativeToTheLargestCoefficient() {
        double[][] a = {{1, 2}, {0, 4}};
        double[][] b = {{1, 2}, {0, 3.5}};
        // the largest of b is 3.5: |4 - 3.5| / 3.5
        assertEquals(0.5 / 3.5, BatchedPlans.relativeDifference(a, b), 1e-15);
    }

    @Test
    void badOptionsNameTheOptionAndWhatIsAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchedPlans.main(new String[] {"--groups", "0"}));
        assertEquals("--groups = 0; must be a whole number >= 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BatchedPlans.main(new String[] {"--fast"}));
        assertEquals("option --fast is not known; allowed: --grids, --groups, --threads, --budget, --out", e.getMessage());
    }
}
