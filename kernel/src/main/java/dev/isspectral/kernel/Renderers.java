package dev.isspectral.kernel;

import dev.isspectral.display.spi.DisplayProvider;
import dev.isspectral.display.spi.MimeTypes;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Turns objects into display bundles: first the {@link DisplayProvider}s found with
 * {@link ServiceLoader} on the notebook class loader (highest priority first, reloaded when the
 * classpath grows), then basekernel's built-in renderers ({@code text/plain} for anything).
 */
final class Renderers {

    private final Supplier<ClassLoader> loader;
    private final IntSupplier generation;
    private final Renderer fallback;
    private List<DisplayProvider> providers = List.of();
    private int loadedGeneration = -1;

    /**
     * @param loader     the notebook class loader
     * @param generation changes when that loader's classpath grows
     * @param fallback   basekernel's renderer for everything else
     */
    Renderers(Supplier<ClassLoader> loader, IntSupplier generation, Renderer fallback) {
        this.loader = loader;
        this.generation = generation;
        this.fallback = fallback;
    }

    synchronized List<DisplayProvider> providers() {
        int now = generation.getAsInt();
        if (now != loadedGeneration) {
            List<DisplayProvider> found = new ArrayList<>();
            ServiceLoader.load(DisplayProvider.class, loader.get()).forEach(found::add);
            found.sort(Comparator.comparingInt(DisplayProvider::priority).reversed());
            providers = List.copyOf(found);
            loadedGeneration = now;
        }
        return providers;
    }

    /**
     * Renders an object.
     *
     * @param value     any object; a {@link DisplayData} is returned as is
     * @param requested MIME types asked for, empty for the preferred ones
     * @return the bundle, always with {@code text/plain}
     */
    DisplayData render(Object value, String... requested) {
        if (value instanceof DisplayData data) {
            return data;
        }
        if (value == null) {
            return new DisplayData("null");
        }
        {
            Set<String> wanted = new LinkedHashSet<>(List.of(requested));
            for (DisplayProvider provider : providers()) {
                if (provider.supports(value)) {
                    DisplayData data = new DisplayData();
                    for (Map.Entry<String, String> e : provider.render(value, wanted).entrySet()) {
                        data.putData(e.getKey(), e.getValue());
                    }
                    if (!data.hasDataForType(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN)) {
                        data.putData(MimeTypes.TEXT_PLAIN, String.valueOf(value));
                    }
                    return data;
                }
            }
        }
        return requested.length == 0 ? fallback.render(value) : fallback.renderAs(value, requested);
    }
}
