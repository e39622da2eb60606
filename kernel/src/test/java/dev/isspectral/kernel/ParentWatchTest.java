package dev.isspectral.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParentWatchTest {

    @Test
    void jupytersParentPidIsWatchedWhenThatProcessIsAlive() throws Exception {
        Process parent = new ProcessBuilder("sleep", "30").start();
        try {
            List<ProcessHandle> watched = ParentWatch.parents(Map.of("JPY_PARENT_PID", Long.toString(parent.pid())), false);
            assertEquals(List.of(parent.pid()), watched.stream().map(ProcessHandle::pid).toList());
        } finally {
            parent.destroy();
        }
    }

    @Test
    void nothingIsWatchedWithoutAUsablePid() {
        assertEquals(List.of(), ParentWatch.parents(Map.of(), false));
        assertEquals(List.of(), ParentWatch.parents(Map.of("JPY_PARENT_PID", "1"), false), "init never ends");
        assertEquals(List.of(), ParentWatch.parents(Map.of("JPY_PARENT_PID", "not-a-pid"), false));
        assertNull(ParentWatch.start(List.of(), 10, p -> { }));
    }

    @Test
    void aRelaunchedKernelAlsoWatchesItsLauncher() {
        List<ProcessHandle> watched = ParentWatch.parents(Map.of(), true);
        assertEquals(List.of(ProcessHandle.current().parent().orElseThrow().pid()),
                watched.stream().map(ProcessHandle::pid).toList());
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void theCallbackRunsOnceWhenTheWatchedProcessEnds() throws Exception {
        Process parent = new ProcessBuilder("sleep", "30").start();
        CompletableFuture<Long> ended = new CompletableFuture<>();
        ScheduledExecutorService poller = ParentWatch.start(List.of(parent.toHandle()), 50, p -> ended.complete(p.pid()));
        Thread.sleep(300);
        assertFalse(ended.isDone(), "still running");
        parent.destroy();
        assertEquals(parent.pid(), ended.get(10, TimeUnit.SECONDS));
        assertTrue(poller.awaitTermination(5, TimeUnit.SECONDS), "the poller stops after firing");
    }
}
