package dev.isspectral.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layering of design.md: {@code grid <- fft <- spectral <- state <- physics},
 * {@code state <- time}, {@code {physics, time} <- sim}; {@code trace}, {@code parallel} and {@code measure} (the
 * measurement method, used by fft, profile, bench and the notebooks) depend on nothing of ours.
 * Each package may use the packages below it and never one above.
 *
 * <p>Finding: {@code physics} depends on {@code time} ({@code IsraelStewartRhs} implements
 * {@code time.Rhs} and fills {@code time.Relaxation}), an edge design.md's graph does not draw. It is
 * the integrator's interface that the physics implements, so the direction is harmless (time never
 * sees physics); {@link #physicsUsesTimeOnlyThroughTheRhsContract} pins it to those two types.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.isspectral.";
    private static final String[] TOP = {ROOT + "sim..", ROOT + "profile..", ROOT + "report..", ROOT + "plot..",
        ROOT + "cli..", ROOT + "display..", ROOT + "validate..", ROOT + "bench..", ROOT + "ensemble.."};
    /** Every package of ours below the top layer. */
    private static final String[] LOWER = {ROOT + "grid..", ROOT + "fft..", ROOT + "spectral..", ROOT + "state..",
        ROOT + "physics..", ROOT + "time..", ROOT + "trace..", ROOT + "parallel.."};
    private static JavaClasses classes;

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
                .should().dependOnClassesThat().resideInAnyPackage(with(TOP, ROOT + "fft..", ROOT + "spectral..",
                        ROOT + "state..", ROOT + "physics..", ROOT + "time.."))
                .check(classes);
    }

    @Test
    void fftDependsOnlyOnGridAndTrace() {
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
                .should().dependOnClassesThat().resideInAnyPackage(with(TOP, ROOT + "grid..", ROOT + "fft..",
                        ROOT + "spectral..", ROOT + "state..", ROOT + "physics..", ROOT + "time..", ROOT + "trace..",
                        ROOT + "parallel.."))
                .check(classes);
    }

    @Test
    void traceDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage(ROOT + "trace..")
                .should().dependOnClassesThat().resideInAnyPackage(with(TOP, ROOT + "grid..", ROOT + "fft..",
                        ROOT + "spectral..", ROOT + "state..", ROOT + "physics..", ROOT + "time.."))
                .check(classes);
    }

    @Test
    void parallelDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage(ROOT + "parallel..")
                .should().dependOnClassesThat().resideInAnyPackage(with(TOP, ROOT + "grid..", ROOT + "fft..",
                        ROOT + "spectral..", ROOT + "state..", ROOT + "physics..", ROOT + "time..", ROOT + "trace.."))
                .check(classes);
    }

    @Test
    void measureDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage(ROOT + "measure..")
                .should().dependOnClassesThat().resideInAnyPackage(with(TOP, LOWER))
                .check(classes);
    }
}
