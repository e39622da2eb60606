package dev.isspectral.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Backends registered with {@link java.util.ServiceLoader} are found whether the thread's context class loader is
 * the loader of {@link FftBackend} itself (a plain JVM, surefire) or one that cannot see them (a JShell notebook,
 * where the solver lives in the notebook's own loader). The backend here is registered in the test resources.
 */
class FftBackendDiscoveryTest {

    /** A backend that exists only to be found. */
    public static final class DiscoveryBackend implements FftBackend {
        @Override
        public String name() {
            return "discovery-test";
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public String unavailableReason() {
            return "";
        }

        @Override
        public FftEngine create(FftSettings settings, int nx, int ny, int nz) {
            throw new UnsupportedOperationException("discovery only");
        }
    }

    @Test
    void backendIsFoundWhenTheContextLoaderIsTheSolversOwn() {
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        thread.setContextClassLoader(FftBackend.class.getClassLoader());
        try {
            assertEquals("discovery-test", FftEngines.backend("discovery-test").orElseThrow().name());
            assertTrue(FftEngines.unavailableReason("discovery-test").isEmpty());
        } finally {
            thread.setContextClassLoader(saved);
        }
    }

    @Test
    void backendIsFoundWhenTheContextLoaderCannotSeeIt() {
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            assertTrue(FftEngines.backend("discovery-test").isPresent());
        } finally {
            thread.setContextClassLoader(saved);
        }
    }
}
