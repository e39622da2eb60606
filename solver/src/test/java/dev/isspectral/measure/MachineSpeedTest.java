package dev.isspectral.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MachineSpeedTest {

    @Test
    void aReadingIsPositiveAndComesBackFromItsLine() {
        MachineSpeed m = MachineSpeed.read();
        assertTrue(m.streamGBs() > 0 && Double.isFinite(m.streamGBs()), m.toString());
        assertTrue(m.arithmeticGflops() > 0 && Double.isFinite(m.arithmeticGflops()), m.toString());
        MachineSpeed back = MachineSpeed.parse(m.line());
        assertEquals(m.streamGBs(), back.streamGBs(), 1e-5 * m.streamGBs());
        assertEquals(m.arithmeticGflops(), back.arithmeticGflops(), 1e-5 * m.arithmeticGflops());
    }

    @Test
    void theRangeNamesBothLoopsWithTheirUnits() {
        assertEquals("stream 27.9–31.4 GB/s, arithmetic 2.95–3.02 GFLOP/s", MachineSpeed.range(List.of(
                new MachineSpeed(31.4, 2.95), new MachineSpeed(27.9, 3.02), new MachineSpeed(30.0, 3.0))));
        assertEquals("stream 30.0 GB/s, arithmetic 3.00 GFLOP/s", MachineSpeed.range(List.of(new MachineSpeed(30, 3))));
        assertEquals("", MachineSpeed.range(List.of()));
        assertEquals("arithmetic 6.90→6.85, —, 5.75→5.80 GFLOP/s, stream 40.2→38.0, —, 30.4→31.1 GB/s",
                MachineSpeed.byFork(List.of(new MachineSpeed[] {new MachineSpeed(40.2, 6.9), new MachineSpeed(38, 6.85)},
                        new MachineSpeed[] {new MachineSpeed(41, 6.8), null},
                        new MachineSpeed[] {new MachineSpeed(30.4, 5.75), new MachineSpeed(31.1, 5.8)})));
        assertEquals("", MachineSpeed.byFork(List.<MachineSpeed[]>of(new MachineSpeed[2], new MachineSpeed[2])));
    }

    @Test
    void aBadLineIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> MachineSpeed.parse("31.2"));
        assertEquals("machine speed line = \"31.2\"; must be two numbers, stream GB/s and arithmetic GFLOP/s", e.getMessage());
    }
}
