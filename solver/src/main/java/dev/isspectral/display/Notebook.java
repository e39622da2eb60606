package dev.isspectral.display;

import dev.isspectral.display.spi.DisplayProvider;
import dev.isspectral.display.spi.MimeTypes;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

import java.awt.image.RenderedImage;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One call at the top of a notebook that makes the solver's results render as tables, charts
 * and summaries on whichever Java kernel runs it.
 *
 * <ul>
 *   <li>On IS-Spectral's own kernel it does nothing: that kernel finds
 *       {@link SolverDisplayProvider} by itself through {@link java.util.ServiceLoader}.</li>
 *   <li>On a stock IJava or JJava kernel it registers the same renderers with that kernel's
 *       {@code Renderer}, by reflection (the solver has no compile-time dependency on either).</li>
 *   <li>Outside a kernel (a plain JVM, a test) it does nothing and says so.</li>
 * </ul>
 * Calling it more than once is harmless.
 */
public final class Notebook {

    /** System property that IS-Spectral's kernel sets to {@code "true"} in its own JVM. */
    public static final String OWN_KERNEL_PROPERTY = "isspectral.kernel";

    /** Static accessors of the running kernel on the stock kernels, tried in this order. */
    private static final List<String[]> KERNEL_ACCESSORS = List.of(
            new String[] {"io.github.spencerpark.ijava.IJava", "getKernelInstance"},
            new String[] {"org.dflib.jjava.JJava", "getKernelInstance"},
            new String[] {"org.dflib.jjava.kernel.JavaNotebookStatics", "kernel"});

    /** The array types registered on stock kernels (which match registrations by class, not by a test). */
    static final List<Class<?>> ARRAY_TYPES = List.of(double[].class, float[].class, long[].class, int[].class,
            double[][].class, float[][].class, long[][].class, int[][].class, double[][][].class);

    /** Which types are registered, with the MIME types each supports and prefers. */
    private static final List<Registration> REGISTRATIONS = registrations();

    private record Registration(Class<?> type, List<String> supported, List<String> preferred) {
    }

    private Notebook() {
    }

    private static List<Registration> registrations() {
        List<String> htmlAndText = List.of(MimeTypes.TEXT_HTML, MimeTypes.TEXT_PLAIN);
        List<String> html = List.of(MimeTypes.TEXT_HTML);
        List<Registration> list = new ArrayList<>(List.of(
                new Registration(Table.class, htmlAndText, html),
                new Registration(Chart.class, List.of(MimeTypes.IMAGE_PNG, MimeTypes.IMAGE_SVG, MimeTypes.TEXT_PLAIN), List.of(MimeTypes.IMAGE_PNG)),
                new Registration(RenderedImage.class, List.of(MimeTypes.IMAGE_PNG, MimeTypes.TEXT_PLAIN), List.of(MimeTypes.IMAGE_PNG)),
                new Registration(Displayable.class, htmlAndText, html)));
        for (Class<?> type : Summaries.TYPES) {
            list.add(new Registration(type, htmlAndText, html));
        }
        for (Class<?> type : ARRAY_TYPES) {
            list.add(new Registration(type, htmlAndText, html));
        }
        return List.copyOf(list);
    }

    /**
     * Makes the solver's renderers available on the running kernel, if any.
     *
     * @return one line saying what was done, e.g. {@code "registered 7 renderers with IJava
     *         (io.github.spencerpark.ijava.IJava)"}
     * @throws IllegalStateException if a stock kernel was found but its renderer API is not the
     *                               one this method knows (the message names what was missing)
     */
    public static String init() {
        if (Boolean.getBoolean(OWN_KERNEL_PROPERTY)) {
            return "IS-Spectral kernel: renderers are discovered automatically; nothing to do";
        }
        for (String[] accessor : KERNEL_ACCESSORS) {
            Object kernel = kernelInstance(accessor[0], accessor[1]);
            if (kernel != null) {
                int count = registerWith(kernel, new SolverDisplayProvider());
                return "registered " + count + " renderers with " + kernel.getClass().getName()
                        + " (found through " + accessor[0] + "." + accessor[1] + "())";
            }
        }
        return "no Jupyter kernel found (not IJava, JJava or IS-Spectral's); nothing registered";
    }

    private static Object kernelInstance(String className, String methodName) {
        for (ClassLoader loader : loaders()) {
            try {
                Class<?> holder = Class.forName(className, true, loader);
                return holder.getMethod(methodName).invoke(null);
            } catch (ClassNotFoundException | LinkageError e) {
                // not this kernel, or not visible from this loader: try the next
            } catch (ReflectiveOperationException e) {
                return null;
            }
        }
        return null;
    }

    private static List<ClassLoader> loaders() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader own = Notebook.class.getClassLoader();
        return context == null || context == own ? List.of(own) : List.of(context, own);
    }

    /**
     * Registers the provider's renderers with a basekernel-style kernel object (one with a
     * {@code getRenderer()} whose class offers {@code createRegistration(Class)}).
     *
     * @return how many types were registered
     */
    static int registerWith(Object kernel, DisplayProvider provider) {
        try {
            Object renderer = kernel.getClass().getMethod("getRenderer").invoke(kernel);
            Class<?> rendererClass = renderer.getClass();
            String pkg = rendererClass.getPackageName();
            ClassLoader loader = rendererClass.getClassLoader();
            Class<?> renderFunction = Class.forName(pkg + ".RenderFunction", true, loader);
            Class<?> renderContext = Class.forName(pkg + ".RenderContext", true, loader);
            Class<?> mimeType = Class.forName(pkg + ".mime.MIMEType", true, loader);
            Method parseMime = mimeType.getMethod("parse", String.class);
            Method wants = renderContext.getMethod("wantsDataRenderedAs", mimeType);
            Method output = renderContext.getMethod("getOutputContainer");
            Method createRegistration = rendererClass.getMethod("createRegistration", Class.class);
            for (Registration registration : REGISTRATIONS) {
                Object builder = createRegistration.invoke(renderer, registration.type());
                Class<?> builderClass = builder.getClass();
                builder = builderClass.getMethod("supporting", String[].class)
                        .invoke(builder, (Object) strings(registration.supported()));
                builder = builderClass.getMethod("preferring", String[].class)
                        .invoke(builder, (Object) strings(registration.preferred()));
                InvocationHandler handler = (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "IS-Spectral renderer for " + registration.type().getSimpleName();
                        };
                    }
                    Object value = args[0];
                    Object context = args[1];
                    Set<String> requested = new LinkedHashSet<>();
                    for (String mime : registration.supported()) {
                        if ((Boolean) wants.invoke(context, parseMime.invoke(null, mime))) {
                            requested.add(mime);
                        }
                    }
                    Object container = output.invoke(context);
                    Method putData = container.getClass().getMethod("putData", String.class, Object.class);
                    for (Map.Entry<String, String> entry : provider.render(value, requested).entrySet()) {
                        if (requested.contains(entry.getKey())) {
                            putData.invoke(container, entry.getKey(), entry.getValue());
                        }
                    }
                    return null;
                };
                Object function = Proxy.newProxyInstance(loader, new Class<?>[] {renderFunction}, handler);
                builderClass.getMethod("register", renderFunction).invoke(builder, function);
            }
            return REGISTRATIONS.size();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("kernel " + kernel.getClass().getName()
                    + " does not offer the basekernel Renderer API (getRenderer, createRegistration,"
                    + " RenderFunction, RenderContext, mime.MIMEType): " + e, e);
        }
    }

    private static String[] strings(List<String> list) {
        return list.toArray((String[]) Array.newInstance(String.class, 0));
    }
}
