package dev.isspectral.kernel;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class loader notebook code runs in: JShell's compiled snippet classes (held in memory) plus
 * every classpath entry added by {@code IJAVA_CLASSPATH}, {@code %jars}, {@code %classpath} or
 * {@code %maven}. Its parent is the kernel's own loader, so the display SPI and the runtime
 * {@code Display} functions are shared with the kernel; the kernel's other dependencies are
 * relocated in the shaded jar and so never clash with user libraries.
 */
final class UserClassLoader extends URLClassLoader {

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final Map<String, byte[]> snippetClasses = new ConcurrentHashMap<>();
    private volatile int generation;

    UserClassLoader(ClassLoader parent) {
        super("notebook", new URL[0], parent);
    }

    /** Increases each time the classpath grows, so cached service lookups know to reload. */
    int generation() {
        return generation;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = snippetClasses.get(name);
        if (bytes != null) {
            byte[] guarded = ExitGuard.rewrite(bytes);   // System.exit in a cell throws instead of ending the kernel
            return defineClass(name, guarded, 0, guarded.length);
        }
        return super.findClass(name);
    }

    /** @return the view of this loader that JShell's execution engine drives */
    LoaderDelegate delegate() {
        return delegate;
    }

    private final LoaderDelegate delegate = new LoaderDelegate() {
        @Override
        public void load(ClassBytecodes[] classes) throws ClassInstallException {
            boolean[] installed = new boolean[classes.length];
            for (ClassBytecodes c : classes) {
                snippetClasses.put(c.name(), c.bytecodes());
            }
            try {
                for (int i = 0; i < classes.length; i++) {
                    Class.forName(classes[i].name(), false, UserClassLoader.this);
                    installed[i] = true;
                }
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ClassInstallException("could not load snippet class: " + e, installed);
            }
        }

        @Override
        public void classesRedefined(ClassBytecodes[] classes) {
            for (ClassBytecodes c : classes) {
                snippetClasses.put(c.name(), c.bytecodes());
            }
        }

        @Override
        public void addToClasspath(String path) throws InternalException {
            for (String entry : path.split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                try {
                    addURL(Path.of(entry).toAbsolutePath().toUri().toURL());
                } catch (MalformedURLException | RuntimeException e) {
                    throw new InternalException("cannot add classpath entry '" + entry + "': " + e.getMessage());
                }
            }
            generation++;
        }

        @Override
        public Class<?> findClass(String name) throws ClassNotFoundException {
            return Class.forName(name, false, UserClassLoader.this);
        }
    };
}
