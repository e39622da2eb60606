package dev.isspectral.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What a window's load text says, with and without the CPU shares. */
class MachineLoadTextTest {

    private static MachineLoad window(double seconds, double other) {
        return new MachineLoad(seconds, 2, 1.0, 1.0, other == other ? 0 : Double.NaN, other, 0.9, 0, 0, 0, 0, 0, 1);
    }

    @Test
    void withoutSharesTheTextSaysWhy() {
        // bench printed "CPU shares n/a" for a 0.07 s grid, as if the machine hid them
        assertEquals("CPU shares not read (a 0.07 s window is too short for the kernel's 10 ms ticks)",
                window(0.07, Double.NaN).busyText());
        assertEquals("CPU shares n/a (no /proc/stat)", window(30, Double.NaN).busyText());
    }

    @Test
    void withSharesTheTextSaysQuietOrBusy() {
        assertEquals("quiet: other processes 1.0% of CPU, steal 0.0%", window(30, 0.01).busyText());
        assertEquals("BUSY machine: other processes 40.0% of CPU, steal 0.0%", window(30, 0.4).busyText());
    }
}
