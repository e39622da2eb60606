package dev.isspectral.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class CacheLinesTest {

    /**
     * Addresses are readable on the JVM the project runs on (HotSpot 17, compressed references); were they not, the
     * java transforms' rows and the kernel's tiles would quietly go back to wherever the heap puts them, which is the
     * slow mode this class exists to remove.
     */
    @Test
    void addressesAreReadableOnHotSpot() {
        assumeTrue(System.getProperty("java.vm.name", "").contains("HotSpot")
                || System.getProperty("java.vm.name", "").contains("OpenJDK"));
        assertTrue(CacheLines.available(), "sun.misc.Unsafe addresses unreadable on " + System.getProperty("java.vm.name"));
    }

    /**
     * An array allocated on a line is on one, for lengths of every remainder modulo 8 (each leaves the allocator at a
     * different offset for the next), and the misalignment of arrays of all kinds is a multiple of 8 bytes below 64;
     * arrays of one length allocated back to back without the filler reach at least two offsets (so the check is not
     * blind).
     */
    @Test
    void allocatedArraysStartOnALine() {
        assumeTrue(CacheLines.available());
        Object[] holder = new Object[1];
        for (int length = 1; length <= 40; length++) {
            for (int k = 0; k < 20; k++) {
                double[] a = CacheLines.allocate(length, holder);
                assertEquals(length, a.length);
                assertEquals(0, CacheLines.misalignment(a, holder), "length " + length);
            }
        }
        boolean[] seen = new boolean[8];
        for (int k = 0; k < 64; k++) {
            int off = CacheLines.misalignment(new double[13], holder);
            assertEquals(0, off % 8, "offset " + off);
            assertTrue(off >= 0 && off < 64, "offset " + off);
            seen[off / 8] = true;
        }
        int distinct = 0;
        for (boolean s : seen) {
            distinct += s ? 1 : 0;
        }
        assertTrue(distinct >= 2, "13-element arrays (120 bytes) allocated back to back all at one offset");
        CacheLines.Group group = new CacheLines.Group();
        for (int k = 0; k < 30; k++) {
            assertEquals(0, CacheLines.misalignment(group.allocate(256), holder));
        }
        assertTrue(group.onLines());
    }
}
