package dev.isspectral.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layering of docs/design.md (section 3): {@code grid}, {@code trace}, {@code parallel}, {@code files}
 * and {@code measure} import nothing of ours; {@code fft <- spectral <- physics}, {@code state <- physics},
 * {@code time <- physics} (the {@code Rhs} contract only), and every lower package never imports the top layer
 * ({@code sim}, {@code profile}, {@code report}, {@code plot}, {@code cli}, {@code display}, {@code validate},
 * {@code bench}, {@code ensemble}). Each rule's name says what it forbids.
 *
 * <p>{@code physics} depends on {@code time} ({@code IsraelStewartRhs} implements {@code time.Rhs} and fills
 * {@code time.Relaxation}): the integrator's interface that the physics implements, so time never sees physics;
 * {@link #physicsUsesTimeOnlyThroughTheRhsContract} pins it to those types.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.isspectral.";
    private static final String[] TOP = {ROOT + "sim..", ROOT + "profile..", ROOT + "report..", ROOT + "plot..",
        ROOT + "cli..", ROOT + "display..", ROOT + "validate..", ROOT + "bench..", ROOT + "ensemble.."};
    /** Every package of ours below the top layer. */
    private static final String[] LOWER = {ROOT + "grid..", ROOT + "fft..", ROOT + "spectral..", ROOT + "state..",
        ROOT + "physics..", ROOT + "time..", ROOT + "trace..", ROOT + "parallel.."};
    private static JavaClasses classes;

    /** Every package of ours except {@code leaf}: what a package that imports nothing of ours must not import. */
    private static String[] allBut(String leaf) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(TOP));
        for (String p : with(LOWER, ROOT + "files..", ROOT + "measure..")) {
            if (!all.contains(p)) {
                all.add(p);
            }
        }
        all.remove(ROOT + leaf + "..");
        return all.toArray(String[]::new);
    }

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("dev.isspectral");
    }

    private static String[] with(String[] base, String... more) {
        String[] out = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }

    @Test
    void gridDependsOnNoOtherPackageOfOurs() {
        noClasses().that().resideInAPackage(ROOT + "grid..")
                .should().dependOnClassesThat().resideInAnyPackage(allBut("grid"))
                .check(classes);
    }

    @Test
    void fftNeverSeesSpectralStatePhysicsTimeOrTheTopLayer() {
        noClasses().that().resideInAPackage(ROOT + "fft..")
                .should().dependOnClassesThat().resideInAnyPackage(with(TOP, ROOT + "spectral..", ROOT + "state..",
                        ROOT + "physics..", ROOT + "time.."))
                .check(classes);
    }

    @Test
    void spectralNeverSeesStatePhysicsOrTime() {
        noClasses().that().resideInAPackage(ROOT + "spectral..")
                .should().dependOnClassesThat().resideInAnyPackage(with(TOP, ROOT + "state..", ROOT + "physics..",
                        ROOT + "time.."))
                .check(classes);
    }

    @Test
    void stateNeverSeesPhysicsOrTime() {
        noClasses().that().resideInAPackage(ROOT + "state..")
                .should().dependOnClassesThat().resideInAnyPackage(with(TOP, ROOT + "physics..", ROOT + "time.."))
                .check(classes);
    }

    @Test
    void timeNeverImportsPhysicsFftOrSpectral() {
        noClasses().that().resideInAPackage(ROOT + "time..")
                .should().dependOnClassesThat().resideInAnyPackage(with(TOP, ROOT + "physics..", ROOT + "fft..",
                        ROOT + "spectral.."))
                .check(classes);
    }

    @Test
    void physicsReachesFftOnlyThroughSpectral() {
        noClasses().that().resideInAPackage(ROOT + "physics..")
                .should().dependOnClassesThat().resideInAnyPackage(with(TOP, ROOT + "fft.."))
                .check(classes);
    }

    @Test
    void physicsUsesTimeOnlyThroughTheRhsContract() {
        noClasses().that().resideInAPackage(ROOT + "physics..")
                .should().dependOnClassesThat(
                        com.tngtech.archunit.base.DescribedPredicate.describe("time classes other than Rhs and Relaxation",
                                c -> c.getPackageName().equals(ROOT + "time")
                                        && !c.getName().equals(ROOT + "time.Rhs")
                                        && !c.getName().equals(ROOT + "time.Rhs$Pass")
                                        && !c.getName().equals(ROOT + "time.Relaxation")))
                .check(classes);
    }

    @Test
    void ensembleSitsAboveSimAndValidate() {
        noClasses().that().resideInAnyPackage(ROOT + "sim..", ROOT + "validate..", ROOT + "physics..", ROOT + "time..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + "ensemble..")
                .check(classes);
    }

    @Test
    void filesDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage(ROOT + "files..")
                .should().dependOnClassesThat().resideInAnyPackage(allBut("files"))
                .check(classes);
    }

    @Test
    void traceDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage(ROOT + "trace..")
                .should().dependOnClassesThat().resideInAnyPackage(allBut("trace"))
                .check(classes);
    }

    @Test
    void parallelDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage(ROOT + "parallel..")
                .should().dependOnClassesThat().resideInAnyPackage(allBut("parallel"))
                .check(classes);
    }

    @Test
    void measureDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage(ROOT + "measure..")
                .should().dependOnClassesThat().resideInAnyPackage(allBut("measure"))
                .check(classes);
    }
}
