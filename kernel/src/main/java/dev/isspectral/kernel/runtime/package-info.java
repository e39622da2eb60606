/**
 * Functions visible to notebook code ({@code display}, {@code render}, {@code updateDisplay}).
 * This package is loaded by the kernel's class loader and shared with cells.
 */
package dev.isspectral.kernel.runtime;
