package dev.isspectral.kernel.runtime;

import dev.isspectral.kernel.JavaKernel;

import java.util.List;

/**
 * The kernel functions every cell can call without a qualifier (they are statically imported),
 * under the names IJava and JJava give them, so a notebook using them runs on all three kernels:
 *
 * <table>
 *   <caption>Names and where they exist</caption>
 *   <tr><th>function</th><th>IJava</th><th>JJava</th></tr>
 *   <tr><td>{@code getKernelInstance()}</td><td>yes</td><td>yes (deprecated there)</td></tr>
 *   <tr><td>{@code kernel()}</td><td>no</td><td>yes</td></tr>
 *   <tr><td>{@code eval(String)}</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>{@code lineMagic}, {@code cellMagic}, {@code printf}</td><td>no</td><td>yes</td></tr>
 * </table>
 *
 * Outside a running kernel every function throws {@link IllegalStateException}.
 */
public final class Kernel {

    private static volatile JavaKernel current;

    private Kernel() {
    }

    /**
     * Connects the functions to a kernel; called by the kernel at start.
     *
     * @param kernel the running kernel
     */
    public static synchronized void attach(JavaKernel kernel) {
        current = kernel;
    }

    /**
     * Disconnects the functions from a closing kernel, unless another kernel has attached since.
     *
     * @param kernel the closing kernel
     */
    public static synchronized void detach(JavaKernel kernel) {
        if (current == kernel) {
            current = null;
        }
    }

    /**
     * The running kernel (IJava's name): {@code getRenderer()} to register renderers,
     * {@code addToClasspath(String)}, {@code evalRaw(String)}, {@code lineMagic}, ...
     *
     * @return the kernel
     * @throws IllegalStateException outside a kernel
     */
    public static JavaKernel getKernelInstance() {
        JavaKernel k = current;
        if (k == null) {
            throw new IllegalStateException("no notebook kernel is running in this JVM");
        }
        return k;
    }

    /**
     * The running kernel (JJava's name for {@link #getKernelInstance()}).
     *
     * @return the kernel
     * @throws IllegalStateException outside a kernel
     */
    public static JavaKernel kernel() {
        return getKernelInstance();
    }

    /**
     * Runs code as a cell would (magics included) in the notebook's scope and returns the live
     * value of its last expression, e.g. {@code (int) eval("1 + 2") + 3} is 6.
     *
     * @param code Java code, possibly with magics
     * @return the value of the last expression; null if the code ends with a statement
     * @throws IllegalStateException if the code fails (the message is the error report) or no
     *                               kernel is running
     */
    public static Object eval(String code) {
        return getKernelInstance().evalRaw(code);
    }

    /**
     * Runs a line magic, as {@code %name args} would.
     *
     * @param name the magic's name without {@code %}, e.g. {@code "jars"}
     * @param args its arguments
     * @param <T>  the caller's view of the result
     * @return what the magic returns: the paths it added (a {@code List<String>})
     * @throws IllegalStateException if the magic fails or is unknown
     */
    @SuppressWarnings("unchecked")
    public static <T> T lineMagic(String name, List<String> args) {
        return (T) getKernelInstance().lineMagic(name, args);
    }

    /**
     * Runs a cell magic, as {@code %%name args} followed by {@code body} would.
     *
     * @param name the magic's name without {@code %%}, e.g. {@code "loadFromPOM"}
     * @param args its arguments
     * @param body the rest of the cell
     * @param <T>  the caller's view of the result
     * @return what the magic returns: the paths it added (a {@code List<String>})
     * @throws IllegalStateException if the magic fails or is unknown
     */
    @SuppressWarnings("unchecked")
    public static <T> T cellMagic(String name, List<String> args, String body) {
        return (T) getKernelInstance().cellMagic(name, args, body);
    }

    /**
     * {@code System.out.printf}, as JJava offers it.
     *
     * @param format the format string
     * @param args   its arguments
     */
    public static void printf(String format, Object... args) {
        System.out.printf(format, args);
    }
}
