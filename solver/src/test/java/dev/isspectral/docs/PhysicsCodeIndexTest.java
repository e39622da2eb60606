package dev.isspectral.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.physics.Kinematics;
import dev.isspectral.physics.StressTensor;
import dev.isspectral.physics.Transport;
import dev.isspectral.physics.Viscosity;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The "Code index" of docs/physics.md lists every small physics function with its equation: each public static
 * function of {@link Kinematics}, {@link StressTensor} and {@link Viscosity}, and the relations of
 * {@link Transport}, has a row, and each row names a function that exists and an equation or section (which
 * {@link PhysicsReferencesTest} resolves against the document).
 */
class PhysicsCodeIndexTest {

    private static final Pattern ROW = Pattern.compile("(?m)^\\| `(\\w+)\\.(\\w+)` \\| ((?:eqs?\\. |§)[^|]+) \\|");
    private static final Set<String> TRANSPORT_RELATIONS = Set.of("shearViscosity", "bulkViscosity",
            "shearRelaxationTime", "bulkStiffness", "bulkRelaxationTime", "frontSpeedSquared", "relaxes", "evolves");

    private static Map<String, String> rows() throws Exception {
        String doc = Files.readString(PhysicsReferencesTest.repositoryRoot().resolve("docs/physics.md"), StandardCharsets.UTF_8);
        int index = doc.indexOf("## Code index");
        assertTrue(index >= 0, "docs/physics.md has a '## Code index' section");
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher m = ROW.matcher(doc.substring(index));
        while (m.find()) {
            assertEquals(null, rows.put(m.group(1) + "." + m.group(2), m.group(3).trim()), "one row per function: " + m.group());
        }
        return rows;
    }

    private static Set<String> publicStatics(Class<?> type) {
        Set<String> names = new TreeSet<>();
        for (Method method : type.getDeclaredMethods()) {
            int mod = method.getModifiers();
            if (Modifier.isPublic(mod) && Modifier.isStatic(mod)) {
                names.add(type.getSimpleName() + "." + method.getName());
            }
        }
        return names;
    }

    @Test
    void everySmallPhysicsFunctionHasARowWithItsEquation() throws Exception {
        Map<String, String> rows = rows();
        Set<String> expected = new TreeSet<>();
        for (Class<?> type : new Class<?>[] {Kinematics.class, StressTensor.class, Viscosity.class}) {
            Set<String> functions = publicStatics(type);
            assertFalse(functions.isEmpty(), type + " has functions");
            expected.addAll(functions);
        }
        TRANSPORT_RELATIONS.forEach(n -> expected.add("Transport." + n));
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(rows.keySet());
        assertEquals(Set.of(), missing, "functions without a row in the Code index of docs/physics.md");
    }

    @Test
    void everyRowNamesAFunctionThatExists() throws Exception {
        Map<String, Class<?>> types = Map.of("Kinematics", Kinematics.class, "StressTensor", StressTensor.class,
                "Viscosity", Viscosity.class, "Transport", Transport.class);
        Map<String, String> rows = rows();
        assertTrue(rows.size() >= 40, "the index lists the functions: " + rows.keySet());
        for (String row : rows.keySet()) {
            String[] parts = row.split("\\.");
            Class<?> type = types.get(parts[0]);
            assertTrue(type != null, row + ": not a class of the index");
            boolean exists = false;
            for (Method method : type.getDeclaredMethods()) {
                exists |= Modifier.isPublic(method.getModifiers()) && method.getName().equals(parts[1]);
            }
            assertTrue(exists, row + " is not a public function of " + type.getName());
        }
    }
}
