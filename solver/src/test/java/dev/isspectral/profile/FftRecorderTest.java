package dev.isspectral.profile;

import dev.isspectral.fft.FftEngine;
import dev.isspectral.fft.JTransformsEngine;
import dev.isspectral.trace.Span;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FftRecorderTest {

    @Test
    void repeatedForwardOfUnchangedArrayIsCountedAndNoOther() {
        SpanRecorder spans = new SpanRecorder();
        FftRecorder ffts = new FftRecorder(spans);
        FftEngine engine = ffts.wrap(new JTransformsEngine(8, 8, 8));
        double[] a = new double[engine.realLength()];
        double[] b = new double[engine.realLength()];
        double[] spectrum = new double[engine.spectrumLength()];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.sin(i);
            b[i] = Math.cos(i);
        }
        try (Span op = spans.open("derivative")) {
            engine.forward(a, spectrum);
            engine.forward(b, spectrum); // first transform of b
            a[3] += 1.0;
            engine.forward(a, spectrum); // a changed: not redundant
        }
        try (Span op = spans.open("gradient")) {
            engine.forward(b, spectrum); // b unchanged: redundant
        }
        FftRecorder.Kind forward = ffts.kinds().get(0);
        assertEquals("forward", forward.direction());
        assertEquals(4, forward.calls());
        assertEquals(1, forward.redundant());
        assertEquals(java.util.Map.of("gradient", 1L), ffts.redundantBySpan());
    }

    @Test
    void inverseIntoAnArrayMakesItsNextForwardNew() {
        FftRecorder ffts = new FftRecorder(new SpanRecorder());
        FftEngine engine = ffts.wrap(new JTransformsEngine(4, 4, 4));
        double[] a = new double[engine.realLength()];
        double[] spectrum = new double[engine.spectrumLength()];
        a[1] = 1;
        engine.forward(a, spectrum);
        engine.inverse(spectrum, a); // same values back (to round-off), but rewritten
        engine.forward(a, spectrum);
        assertEquals(0, ffts.kinds().get(0).redundant());
        assertEquals(1, ffts.kinds().get(1).calls());
    }

    @Test
    void totalNanosIsEveryKindsTimeTogether() {
        long[] now = {0};
        FftRecorder ffts = new FftRecorder(new SpanRecorder(), () -> now[0] += 1000, false);
        FftEngine engine = ffts.wrap(new JTransformsEngine(4, 4, 4));
        double[] a = new double[engine.realLength()];
        double[] spectrum = new double[engine.spectrumLength()];
        assertEquals(0, ffts.totalNanos());
        engine.forward(a, spectrum);
        engine.inverse(spectrum, a);
        engine.forward(a, spectrum);
        long sum = 0;
        for (FftRecorder.Kind k : ffts.kinds()) {
            sum += k.totalNanos();
        }
        assertEquals(2, ffts.kinds().size());
        assertTrue(sum > 0);
        assertEquals(sum, ffts.totalNanos());
    }

    @Test
    void wrappedEngineGivesIdenticalResults() {
        FftEngine plain = new JTransformsEngine(8, 4, 6);
        FftEngine wrapped = new FftRecorder(new SpanRecorder()).wrap(new JTransformsEngine(8, 4, 6));
        double[] x = new double[plain.realLength()];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(0.3 * i) + 0.1 * i;
        }
        double[] s1 = new double[plain.spectrumLength()];
        double[] s2 = new double[plain.spectrumLength()];
        plain.forward(x, s1);
        wrapped.forward(x, s2);
        assertArrayEquals(s1, s2, 0.0);
    }

    @Test
    void flopFormulaIsHalfOfComplexForRealTransforms() {
        FftRecorder ffts = new FftRecorder(new SpanRecorder());
        ffts.wrap(new JTransformsEngine(8, 8, 8));
        FftRecorder.Kind k = ffts.kinds().get(0);
        assertEquals(2.5 * 512 * 9, k.flopsPerCall(), 1e-9);
    }

    @Test
    void withRedundancyDetectionOffNothingIsCountedAsRepeated() {
        FftRecorder ffts = new FftRecorder(new SpanRecorder(), System::nanoTime, false);
        FftEngine engine = ffts.wrap(new JTransformsEngine(4, 4, 4));
        double[] a = new double[engine.realLength()];
        double[] spectrum = new double[engine.spectrumLength()];
        engine.forward(a, spectrum);
        engine.forward(a, spectrum);
        assertEquals(2, ffts.kinds().get(0).calls());
        assertEquals(0, ffts.kinds().get(0).redundant());
    }

    @Test
    void contentHashChangesWithAnySingleValueAndNotWithoutOne() {
        double[] x = new double[37]; // not a multiple of the four lanes
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(i);
        }
        long h = FftRecorder.contentHash(x);
        assertEquals(h, FftRecorder.contentHash(x.clone()));
        for (int i = 0; i < x.length; i++) {
            double[] y = x.clone();
            y[i] = Math.nextUp(y[i]);
            org.junit.jupiter.api.Assertions.assertNotEquals(h, FftRecorder.contentHash(y), "index " + i);
        }
        double[] swapped = x.clone();
        swapped[0] = x[1];
        swapped[1] = x[0];
        org.junit.jupiter.api.Assertions.assertNotEquals(h, FftRecorder.contentHash(swapped));
    }

    @Test
    void zeroAndConstantInputsAreCountedApartFromRepeatsWithTheirFieldNames() {
        SpanRecorder spans = new SpanRecorder();
        FftRecorder ffts = new FftRecorder(spans);
        FftEngine engine = ffts.wrap(new JTransformsEngine(4, 4, 4));
        double[] zero = new double[engine.realLength()];
        double[] two = new double[engine.realLength()];
        java.util.Arrays.fill(two, 2.0);
        double[] wave = new double[engine.realLength()];
        for (int i = 0; i < wave.length; i++) {
            wave[i] = Math.sin(i);
        }
        double[] spectrum = new double[engine.spectrumLength()];
        try (Span k = spans.open("kinematics")) {
            spans.operand("v_y");
            engine.forward(zero, spectrum);
            engine.forward(zero, spectrum); // zero again: still a zero field, not a repeat
            spans.operand("eps");
            engine.forward(two, spectrum);
            spans.operand("v_x");
            engine.forward(wave, spectrum);
            engine.forward(wave, spectrum); // the same non-constant content: a repeat
        }
        engine.forward(zero, spectrum); // outside the span: the operand no longer holds
        FftRecorder.Kind forward = ffts.kinds().get(0);
        assertEquals(6, forward.calls());
        assertEquals(1, forward.redundant());
        assertEquals(4, forward.constantInputs());
        java.util.Map<FftRecorder.Avoidable, Long> expected = new java.util.LinkedHashMap<>();
        expected.put(new FftRecorder.Avoidable("kinematics", "v_y", FftRecorder.ZERO), 2L);
        expected.put(new FftRecorder.Avoidable("kinematics", "eps", FftRecorder.CONSTANT), 1L);
        expected.put(new FftRecorder.Avoidable("kinematics", "v_x", FftRecorder.REPEAT), 1L);
        expected.put(new FftRecorder.Avoidable("", "", FftRecorder.ZERO), 1L);
        assertEquals(expected, ffts.avoidable());
    }

    @Test
    void aFieldThatTurnsNonConstantIsNotARepeatOfItsLastNonConstantContent() {
        FftRecorder ffts = new FftRecorder(new SpanRecorder());
        FftEngine engine = ffts.wrap(new JTransformsEngine(4, 4, 4));
        double[] a = new double[engine.realLength()];
        double[] spectrum = new double[engine.spectrumLength()];
        a[5] = 1;
        engine.forward(a, spectrum);
        a[5] = 0;
        engine.forward(a, spectrum); // zero
        a[5] = 1;
        engine.forward(a, spectrum); // the first content again, but the array held zeros in between
        assertEquals(0, ffts.kinds().get(0).redundant());
        assertEquals(1, ffts.kinds().get(0).constantInputs());
    }

    @Test
    void constancyIsExactAndTreatsSignedZerosAlike() {
        assertTrue(FftRecorder.constant(new double[] {0.0, -0.0, 0.0}));
        assertTrue(FftRecorder.constant(new double[] {1.5, 1.5}));
        assertTrue(FftRecorder.constant(new double[0]));
        org.junit.jupiter.api.Assertions.assertFalse(FftRecorder.constant(new double[] {1.5, Math.nextUp(1.5)}));
        org.junit.jupiter.api.Assertions.assertFalse(FftRecorder.constant(new double[] {0, 0, 0, 1e-300}));
    }
}
