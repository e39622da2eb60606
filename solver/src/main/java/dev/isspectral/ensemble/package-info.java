/**
 * Ensembles: many runs of one simulation over a set of parameter values, each measured, with the
 * results in one table (one row per member). {@link dev.isspectral.ensemble.Ensemble} describes the
 * scan; an {@link dev.isspectral.ensemble.EnsembleExecutor} runs it: {@link
 * dev.isspectral.ensemble.LocalExecutor} (the default: members concurrently on this JVM's cores) or
 * the optional Spark module's executor (members as tasks on a Spark cluster or embedded
 * {@code local[*]}).
 *
 * <p>Layering: this package sits above {@code sim} and {@code validate} (it runs simulations and
 * fits their modes with {@code validate.Prony} against {@code validate.LinearModes}); nothing below
 * it imports it. It lives in the solver rather than a module of its own because it needs nothing the
 * solver does not already have (Tablesaw included) and notebooks then find it on their default class
 * path; Spark, the one heavy dependency, stays in the optional {@code spark/} module.
 */
package dev.isspectral.ensemble;
