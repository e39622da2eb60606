package dev.isspectral.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Ends the kernel when the process that started it dies without sending a shutdown request (a
 * killed notebook server, a crashed {@code nbconvert}), as ipykernel does: Jupyter puts its own
 * process id in {@code JPY_PARENT_PID}, and the kernel polls that process.
 *
 * <p>A kernel restarted in a second JVM (for {@code JJAVA_JVM_OPTS}) also watches its direct
 * parent, the launcher, so that killing the launcher (what Jupyter does after a shutdown that
 * timed out) ends it too.
 */
final class ParentWatch {

    /** The variable Jupyter sets to the pid of the process that started the kernel. */
    static final String PARENT_PID_ENV = "JPY_PARENT_PID";

    /** How often the watched processes are polled. */
    static final long POLL_MILLIS = 500;

    private ParentWatch() {
    }

    /**
     * The processes whose end should end the kernel.
     *
     * @param env        the environment, for {@link #PARENT_PID_ENV}
     * @param relaunched true in a kernel JVM started by the launcher (its direct parent)
     * @return the live processes to watch; empty when there is nothing to watch (no variable, a
     *         value that is not a pid, pid 1, or a process that is not visible from here)
     */
    static List<ProcessHandle> parents(Map<String, String> env, boolean relaunched) {
        List<ProcessHandle> watched = new ArrayList<>();
        String value = env.get(PARENT_PID_ENV);
        if (value != null && !value.isBlank()) {
            try {
                long pid = Long.parseLong(value.strip());
                // pid 1 never ends (it only adopts orphans), and the pid may be from another pid
                // namespace (a kernel in a container): then there is nothing here to watch
                if (pid > 1) {
                    ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(watched::add);
                }
            } catch (NumberFormatException e) {
                System.err.println("is-spectral kernel: " + PARENT_PID_ENV + " = '" + value
                        + "' is not a process id; the parent process is not watched");
            }
        }
        if (relaunched) {
            Optional<ProcessHandle> launcher = ProcessHandle.current().parent();
            launcher.filter(p -> watched.stream().noneMatch(w -> w.pid() == p.pid())).ifPresent(watched::add);
        }
        return List.copyOf(watched);
    }

    /**
     * Polls the processes on a daemon thread and calls {@code onExit} once, with the first one
     * found ended.
     *
     * @param watched     processes to watch; nothing happens if empty
     * @param pollMillis  the polling period
     * @param onExit      called with the process that ended
     * @return the poller, to stop it (tests); null if there was nothing to watch
     */
    static ScheduledExecutorService start(List<ProcessHandle> watched, long pollMillis, Consumer<ProcessHandle> onExit) {
        if (watched.isEmpty()) {
            return null;
        }
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "parent-watch");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(() -> {
            for (ProcessHandle process : watched) {
                if (!process.isAlive()) {
                    poller.shutdown();
                    onExit.accept(process);
                    return;
                }
            }
        }, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        return poller;
    }
}
