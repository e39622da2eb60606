package dev.isspectral.profile;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LargeAllocationRecorderTest {

    private static final int EIGHT_MIB = 8 << 20;
    private static volatile byte[] sink;

    private static void allocateEightMebibytesHere() {
        sink = new byte[EIGHT_MIB];
    }

    private static void allocateHalfAMebibyte() {
        sink = new byte[1 << 19];
    }

    @Test
    void anEightMebibyteArrayIsReportedWithTheAllocatingMethodAsItsSite() {
        LargeAllocationRecorder r = LargeAllocationRecorder.start(LargeAllocationRecorder.DEFAULT_THRESHOLD, 4);
        allocateHalfAMebibyte(); // below the threshold: not reported
        r.beginMeasurement();
        for (int i = 0; i < 2; i++) {
            allocateEightMebibytesHere(); // one site: same stack both times
        }
        List<LargeAllocationRecorder.Site> sites = r.finish();
        assertNull(r.unavailable());
        LargeAllocationRecorder.Site site = sites.stream()
                .filter(s -> s.topFrame().contains("LargeAllocationRecorderTest.allocateEightMebibytesHere")).findFirst()
                .orElseThrow(() -> new AssertionError("no site names the allocating method: " + sites));
        assertEquals(2, site.count());
        assertEquals("byte[]", site.objectClass());
        // the event's size is the array object's: the 8 MiB payload plus a header of at most 24 bytes
        assertTrue(site.maxBytes() >= EIGHT_MIB && site.maxBytes() <= EIGHT_MIB + 24, "maxBytes = " + site.maxBytes());
        assertEquals(2 * site.maxBytes(), site.bytes());
        assertTrue(sites.stream().noneMatch(s -> s.topFrame().contains("allocateHalfAMebibyte")), sites.toString());
    }

    @Test
    void allocationsBeforeTheMeasurementAreLeftOut() {
        LargeAllocationRecorder r = LargeAllocationRecorder.start(LargeAllocationRecorder.DEFAULT_THRESHOLD, 2);
        allocateEightMebibytesHere(); // warm-up
        r.beginMeasurement();
        List<LargeAllocationRecorder.Site> sites = r.finish();
        assertTrue(sites.stream().noneMatch(s -> s.topFrame().contains("allocateEightMebibytesHere")), sites.toString());
    }

    @Test
    void lambdaFramesLoseTheJvmsNumberAndAddress() {
        assertEquals("dev.isspectral.fft.FftEngines$$Lambda",
                LargeAllocationRecorder.typeName("dev.isspectral.fft.FftEngines$$Lambda$575+0x00007fcaa22989e0.1924856096"));
        assertEquals("dev.isspectral.fft.FftEngines$$Lambda",
                LargeAllocationRecorder.typeName("dev.isspectral.fft.FftEngines$$Lambda$575/0x00007fcaa22989e0"));
        assertEquals("dev.isspectral.fft.FftEngines$1", LargeAllocationRecorder.typeName("dev.isspectral.fft.FftEngines$1"));
    }

    @Test
    void arrayClassNamesAreReadable() {
        assertEquals("double[]", LargeAllocationRecorder.readable("[D"));
        assertEquals("java.lang.String[][]", LargeAllocationRecorder.readable("[[Ljava.lang.String;"));
        assertEquals("java.lang.Object", LargeAllocationRecorder.readable("java.lang.Object"));
    }

    @Test
    void aThresholdBelowOneByteIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LargeAllocationRecorder.start(0, 4));
        assertEquals("largeAllocationThreshold = 0; must be >= 1 byte", e.getMessage());
    }

    @Test
    void underG1EveryAllocationFromHalfARegionUpIsSeen() {
        long complete = LargeAllocationRecorder.completeAbove();
        boolean g1 = java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .anyMatch(b -> b.getName().startsWith("G1"));
        if (g1) {
            // regions are powers of two from 1 to 32 MiB (JDK 17)
            assertTrue(complete >= 512 * 1024 && complete <= 16 << 20 && Long.bitCount(complete) == 1, "completeAbove = " + complete);
            assertTrue(EIGHT_MIB >= complete || complete == 16 << 20, "the 8 MiB test array is humongous");
        } else {
            assertEquals(-1, complete);
        }
    }
}
