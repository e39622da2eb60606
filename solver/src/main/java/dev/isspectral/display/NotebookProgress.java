package dev.isspectral.display;

import dev.isspectral.sim.ProgressMeter;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;

/**
 * A live progress bar in a notebook: {@code Simulation.builder()…observer(NotebookProgress.bar())}
 * shows, under the cell, a bar with the step, simulated time, elapsed time, time left and steps per
 * second of every run, updated in place (Jupyter's {@code update_display_data}) at most four times
 * a second; when the run ends the bar stays with the totals ("880 steps in 12.3 s · 71 steps/s").
 *
 * <p>It uses the kernel's display functions ({@code display(Object)} returning a display id, and
 * {@code updateDisplay(id, Object)}), which IS-Spectral's kernel and IJava both offer. Outside a
 * notebook kernel the bar shows nothing.
 */
public final class NotebookProgress {

    /** Classes holding the static display functions, tried in order. */
    private static final List<String> DISPLAY_CLASSES = List.of(
            "dev.isspectral.kernel.runtime.Display",
            "io.github.spencerpark.ijava.runtime.Display");

    private NotebookProgress() {
    }

    /**
     * A progress meter drawing a live bar in the running notebook, or showing nothing outside one.
     *
     * @return a new meter (one per simulation or piece of work)
     */
    public static ProgressMeter bar() {
        Method[] functions = displayFunctions();
        if (functions == null) {
            return ProgressMeter.none();
        }
        String[] id = {null};
        return ProgressMeter.to(snapshot -> {
            Bar bar = new Bar(snapshot);
            try {
                if (snapshot.done() == 0 && !snapshot.finished() || id[0] == null) {
                    id[0] = (String) functions[0].invoke(null, bar);
                } else {
                    functions[1].invoke(null, id[0], bar);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // the kernel went away: progress is a courtesy, never a reason to stop the run
            }
        });
    }

    /** display(Object) and updateDisplay(String, Object) of the running kernel, or null outside one. */
    private static Method[] displayFunctions() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (String name : DISPLAY_CLASSES) {
            for (ClassLoader loader : context == null ? List.of(NotebookProgress.class.getClassLoader())
                    : List.of(context, NotebookProgress.class.getClassLoader())) {
                try {
                    Class<?> type = Class.forName(name, true, loader);
                    Method display = type.getMethod("display", Object.class);
                    Method update = type.getMethod("updateDisplay", String.class, Object.class);
                    // the functions throw outside a running kernel: probe with a harmless render
                    try {
                        type.getMethod("render", Object.class).invoke(null, "");
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        continue;
                    }
                    return new Method[] {display, update};
                } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
                    // not this kernel
                }
            }
        }
        return null;
    }

    /** One state of the bar, rendered as HTML and text. */
    record Bar(ProgressMeter.Snapshot snapshot) implements Displayable {

        @Override
        public String toHtml() {
            double f = snapshot.finished() ? 1 : snapshot.fraction();
            String bar = Double.isNaN(f) ? "<progress style=\"width:16em;vertical-align:middle\"></progress>"
                    : String.format(Locale.ROOT, "<progress max=\"1000\" value=\"%d\" style=\"width:16em;vertical-align:middle\"></progress>",
                    Math.round(1000 * f));
            return "<div class=\"is-spectral-progress\">" + bar + " <span style=\"font-family:monospace\">"
                    + Html.escape(snapshot.line()) + "</span></div>";
        }

        @Override
        public String toText() {
            return snapshot.line();
        }
    }
}
