package dev.isspectral.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.grid.Grid;
import org.junit.jupiter.api.Test;

class StateTest {

    @Test
    void adoptingKeepsTheArraysThemselves() {
        Grid g = Grid.of(2, 3, 4);
        double[][] arrays = new double[Field.COUNT][g.size()];
        arrays[Field.PI_XY.ordinal()][5] = 2.5;
        State s = State.adopting(g, arrays);
        for (Field f : Field.values()) {
            assertSame(arrays[f.ordinal()], s.get(f), f.toString());
        }
        arrays[0] = new double[g.size()];   // the outer array is copied: replacing an entry does not reach the state
        assertTrue(s.get(Field.T00) != arrays[0]);
        assertEquals(2.5, s.copy().get(Field.PI_XY)[5], 0.0);
    }

    @Test
    void adoptingRejectsWrongShapesNamingTheField() {
        Grid g = Grid.of(2, 3, 4);
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> State.adopting(g, new double[3][g.size()]));
        assertTrue(few.getMessage().contains("3 arrays") && few.getMessage().contains("10"), few.getMessage());
        double[][] arrays = new double[Field.COUNT][g.size()];
        arrays[Field.BULK.ordinal()] = new double[7];
        IllegalArgumentException shortOne = assertThrows(IllegalArgumentException.class, () -> State.adopting(g, arrays));
        assertTrue(shortOne.getMessage().contains("Pi") && shortOne.getMessage().contains("length = 7")
                && shortOne.getMessage().contains("24"), shortOne.getMessage());
    }
}
